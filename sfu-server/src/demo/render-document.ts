import { PdfWriter } from '../documents/pdf-writer.ts';
import { SIGNING_DATE, type DemoDocument } from './agenda-documents.ts';

/** Renders one demo paper in administrative layout; returns the PDF bytes. */
export async function renderDemoDocument(document: DemoDocument): Promise<Uint8Array> {
  const writer = await PdfWriter.create({ title: `${document.kind}: ${document.subject}`, author: document.issuer.join(' ') });
  writer.nationalHeading({ issuer: document.issuer, number: document.number, placeAndDate: SIGNING_DATE });
  writer.text(document.kind, { style: 'bold', align: 'center', size: 14, spaceAfter: 2 });
  writer.text(document.subject, { style: 'bold', align: 'center', size: 13.5, spaceAfter: 18 });
  for (const section of document.sections) {
    writer.text(section.heading, { style: 'bold', align: 'left', spaceAfter: 6 });
    for (const paragraph of section.paragraphs) writer.text(paragraph, { indent: true });
  }
  writer.space(16);
  for (const line of document.closing.title.split('\n')) writer.text(line, { style: 'bold', align: 'right', spaceAfter: 0 });
  writer.space(48);
  writer.text(document.closing.signer, { style: 'bold', align: 'right' });
  return writer.save();
}
