import type { Annotation } from '#protocol/collab/annotations.ts';
import noteFontUrl from '../../../resources/fonts/NotoSerif-Regular.ttf?url';
import { ANNOTATION_RGB } from './colors.ts';

const NOTE_WIDTH = 170;
const NOTE_FONT_SIZE = 8;

/**
 * "Export my annotated copy": the original PDF with the given annotations
 * drawn into its pages (highlights, ink, notes with their text), in PDF
 * coordinates, so the copy matches the screen at any zoom and prints as seen.
 * pdf-lib and the font load only when someone exports.
 */
export async function exportAnnotatedPdf(original: Uint8Array, annotations: Annotation[]): Promise<Uint8Array> {
  const [{ PDFDocument, BlendMode, rgb }, { default: fontkit }, fontBytes] = await Promise.all([
    import('pdf-lib'),
    import('@pdf-lib/fontkit'),
    fetch(noteFontUrl).then((response) => response.arrayBuffer()),
  ]);
  const pdf = await PDFDocument.load(original);
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fontBytes, { subset: true });
  const pages = pdf.getPages();

  for (const annotation of annotations) {
    const page = pages[annotation.page - 1];
    if (!page) continue;
    const color = rgb(...ANNOTATION_RGB[annotation.color]);
    if (annotation.kind === 'highlight') {
      for (const [x1, y1, x2, y2] of annotation.rects) {
        page.drawRectangle({ x: x1, y: y1, width: x2 - x1, height: y2 - y1, color, opacity: 0.4, blendMode: BlendMode.Multiply });
      }
    } else if (annotation.kind === 'ink') {
      for (const stroke of annotation.strokes) {
        // drawSvgPath flips the y axis, so y is negated to stay in PDF space.
        let path = '';
        for (let index = 0; index + 1 < stroke.length; index += 2) path += `${index === 0 ? 'M' : 'L'}${stroke[index]} ${-(stroke[index + 1] ?? 0)} `;
        page.drawSvgPath(path, { x: 0, y: 0, borderColor: color, borderWidth: annotation.width, borderLineCap: 1 });
      }
    } else {
      const [x, y] = annotation.at;
      const lines = wrap(annotation.body || ' ', (text) => font.widthOfTextAtSize(text, NOTE_FONT_SIZE), NOTE_WIDTH - 10);
      const height = 10 + lines.length * NOTE_FONT_SIZE * 1.3;
      const left = Math.min(x, page.getWidth() - NOTE_WIDTH - 4);
      page.drawRectangle({ x: left, y: y - height, width: NOTE_WIDTH, height, color, opacity: 0.85, borderColor: rgb(0.35, 0.27, 0), borderWidth: 0.6 });
      lines.forEach((line, index) => {
        page.drawText(line, { x: left + 5, y: y - 5 - (index + 1) * NOTE_FONT_SIZE * 1.3 + 2, size: NOTE_FONT_SIZE, font, color: rgb(0.1, 0.1, 0.1) });
      });
    }
  }
  return pdf.save();
}

/** Greedy word wrap for the note boxes. */
function wrap(text: string, width: (text: string) => number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && width(candidate) > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}
