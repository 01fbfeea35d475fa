import { randomBytes } from 'node:crypto';
import { PdfWriter } from '../../sfu-server/src/documents/pdf-writer.ts';

/**
 * A small Vietnamese session paper as a real PDF (embedded Noto Serif, so the
 * page renders with ink). `pages` pages of body text; `paddingBytes` of
 * random data ride along as an attachment, to make uploads long enough to
 * watch their progress.
 */
export async function sessionPaperPdf(options: { title: string; pages?: number; paddingBytes?: number }): Promise<Buffer> {
  const writer = await PdfWriter.create({ title: options.title, author: 'Văn phòng HĐND tỉnh' });
  const pages = options.pages ?? 1;
  for (let page = 1; page <= pages; page += 1) {
    if (page > 1) writer.newPage();
    writer.text(options.title, { style: 'bold', align: 'center', size: 14, spaceAfter: 12 });
    writer.text(
      `Trang ${page}. Căn cứ Luật Tổ chức chính quyền địa phương, Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh xem xét, quyết định.`,
      { indent: true },
    );
  }
  if (options.paddingBytes) await writer.pdf.attach(randomBytes(options.paddingBytes), 'phu-luc-so-lieu.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await writer.save());
}
