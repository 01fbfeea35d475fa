import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const FONT_DIR = new URL('../../../resources/fonts/', import.meta.url);

/** A4 with the margins of Decree 30/2020/NĐ-CP on administrative documents (left 30 mm, right 15 mm, top/bottom 20 mm). */
const PAGE = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const BODY_SIZE = 13;
const LINE_GAP = 1.35;
const INDENT = 12.7 * MM;

type Align = 'left' | 'center' | 'right' | 'justify';
type Style = 'regular' | 'bold' | 'italic';

interface TextOptions {
  size?: number;
  style?: Style;
  align?: Align;
  /** First-line indent, as in the body paragraphs of administrative documents. */
  indent?: boolean;
  spaceAfter?: number;
}

/**
 * Lays out Vietnamese administrative documents (reports, submissions,
 * minutes) with pdf-lib. The Noto Serif fonts are embedded (subset), so
 * every Vietnamese glyph renders and extracts on any machine.
 */
export class PdfWriter {
  readonly pdf: PDFDocument;
  readonly #fonts: Record<Style, PDFFont>;
  #page!: PDFPage;
  #y = 0;

  private constructor(pdf: PDFDocument, fonts: Record<Style, PDFFont>) {
    this.pdf = pdf;
    this.#fonts = fonts;
    this.newPage();
  }

  static async create(meta: { title: string; author: string; subject?: string }): Promise<PdfWriter> {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const embed = async (file: string) => pdf.embedFont(await readFile(new URL(file, FONT_DIR)), { subset: true });
    const fonts = {
      regular: await embed('NotoSerif-Regular.ttf'),
      bold: await embed('NotoSerif-Bold.ttf'),
      italic: await embed('NotoSerif-Italic.ttf'),
    };
    pdf.setTitle(meta.title, { showInWindowTitleBar: true });
    pdf.setAuthor(meta.author);
    if (meta.subject) pdf.setSubject(meta.subject);
    pdf.setLanguage('vi-VN');
    pdf.setCreator('Diên Hồng');
    pdf.setProducer('Diên Hồng (pdf-lib)');
    return new PdfWriter(pdf, fonts);
  }

  get contentWidth(): number {
    return PAGE.width - MARGIN.left - MARGIN.right;
  }

  newPage(): void {
    this.#page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.#y = PAGE.height - MARGIN.top;
  }

  #ensureRoom(height: number): void {
    if (this.#y - height < MARGIN.bottom) this.newPage();
  }

  /** Greedy word wrap; the first line starts after `indent`. */
  #wrap(text: string, font: PDFFont, size: number, width: number, indent: number): string[][] {
    const lines: string[][] = [];
    let line: string[] = [];
    let lineWidth = indent;
    const space = font.widthOfTextAtSize(' ', size);
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const wordWidth = font.widthOfTextAtSize(word, size);
      if (line.length > 0 && lineWidth + space + wordWidth > width) {
        lines.push(line);
        line = [];
        lineWidth = 0;
      }
      lineWidth += (line.length > 0 ? space : 0) + wordWidth;
      line.push(word);
    }
    if (line.length > 0) lines.push(line);
    return lines;
  }

  /** Writes a paragraph, wrapping and paging as needed. */
  text(content: string, options: TextOptions = {}): void {
    const size = options.size ?? BODY_SIZE;
    const font = this.#fonts[options.style ?? 'regular'];
    const align = options.align ?? 'justify';
    const indent = options.indent ? INDENT : 0;
    const lineHeight = size * LINE_GAP;
    const lines = this.#wrap(content, font, size, this.contentWidth, indent);
    lines.forEach((words, index) => {
      this.#ensureRoom(lineHeight);
      this.#y -= lineHeight;
      const first = index === 0 ? indent : 0;
      const last = index === lines.length - 1;
      this.#drawLine(words, font, size, first, last ? (align === 'justify' ? 'left' : align) : align);
    });
    this.#y -= options.spaceAfter ?? size * 0.5;
  }

  #drawLine(words: string[], font: PDFFont, size: number, indent: number, align: Align): void {
    const width = this.contentWidth - indent;
    const joined = words.join(' ');
    const textWidth = font.widthOfTextAtSize(joined, size);
    const baseX = MARGIN.left + indent;
    const draw = (text: string, x: number) => this.#page.drawText(text, { x, y: this.#y, size, font, color: rgb(0, 0, 0) });
    if (align === 'justify' && words.length > 1) {
      const wordsWidth = words.reduce((sum, word) => sum + font.widthOfTextAtSize(word, size), 0);
      const gap = (width - wordsWidth) / (words.length - 1);
      let x = baseX;
      for (const word of words) {
        draw(word, x);
        x += font.widthOfTextAtSize(word, size) + gap;
      }
      return;
    }
    const offset = align === 'center' ? (width - textWidth) / 2 : align === 'right' ? width - textWidth : 0;
    draw(joined, baseX + offset);
  }

  /** Vertical space in points. */
  space(points: number): void {
    this.#y -= points;
  }

  /**
   * The two-column heading of every administrative document: issuing body on
   * the left, the national name and motto on the right, then number and date.
   */
  nationalHeading(heading: { issuer: string[]; number: string; placeAndDate: string }): void {
    const top = this.#y;
    const leftWidth = this.contentWidth * 0.42;
    const rightX = MARGIN.left + leftWidth;
    const rightWidth = this.contentWidth - leftWidth;
    const centered = (text: string, x: number, width: number, y: number, style: Style, size: number) => {
      const font = this.#fonts[style];
      const textWidth = font.widthOfTextAtSize(text, size);
      this.#page.drawText(text, { x: x + (width - textWidth) / 2, y, size, font });
      return textWidth;
    };
    const line = (x: number, width: number, textWidth: number, y: number) =>
      this.#page.drawLine({
        start: { x: x + (width - textWidth) / 2, y },
        end: { x: x + (width + textWidth) / 2, y },
        thickness: 0.6,
      });

    let leftY = top;
    heading.issuer.forEach((text, index) => {
      leftY -= 16;
      const last = index === heading.issuer.length - 1;
      const width = centered(text, MARGIN.left, leftWidth, leftY, last ? 'bold' : 'regular', 12);
      if (last) line(MARGIN.left, leftWidth, width / 2, leftY - 4);
    });
    let rightY = top - 16;
    centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, rightWidth, rightY, 'bold', 11.5);
    rightY -= 16;
    const motto = centered('Độc lập - Tự do - Hạnh phúc', rightX, rightWidth, rightY, 'bold', 12.5);
    line(rightX, rightWidth, motto, rightY - 4);

    const y = Math.min(leftY, rightY) - 26;
    centered(heading.number, MARGIN.left, leftWidth, y, 'regular', 12.5);
    centered(heading.placeAndDate, rightX, rightWidth, y, 'italic', 12.5);
    this.#y = y - 22;
  }

  /**
   * The closing signatures side by side (e.g. THƯ KÝ on the left, CHỦ TỌA
   * on the right): titles in bold, room to sign, then the names.
   */
  signatures(left: { title: string; name: string }, right: { title: string; name: string }): void {
    const columnWidth = this.contentWidth / 2;
    const block = 16 * 2 + 60 + 16;
    this.#ensureRoom(block);
    const centred = (text: string, column: number, y: number, style: Style) => {
      const font = this.#fonts[style];
      const width = font.widthOfTextAtSize(text, BODY_SIZE);
      this.#page.drawText(text, { x: MARGIN.left + column * columnWidth + (columnWidth - width) / 2, y, size: BODY_SIZE, font });
    };
    const top = this.#y - 16;
    [left, right].forEach((signer, column) => {
      centred(signer.title, column, top, 'bold');
      centred(signer.name, column, top - 16 - 60, 'bold');
    });
    this.#y = top - 16 - 60 - 16;
  }

  /** Page numbers centred at the top from page 2 on, as the decree asks. */
  numberPages(): void {
    const font = this.#fonts.regular;
    this.pdf.getPages().forEach((page, index) => {
      if (index === 0) return;
      const label = String(index + 1);
      const width = font.widthOfTextAtSize(label, 12);
      page.drawText(label, { x: MARGIN.left + (this.contentWidth - width) / 2, y: PAGE.height - 12 * MM, size: 12, font });
    });
  }

  async save(): Promise<Uint8Array> {
    this.numberPages();
    return this.pdf.save();
  }
}
