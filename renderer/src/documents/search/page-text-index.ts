import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { foldForSearch } from './fold.ts';
import { pageTextFromItems, type PageText } from './page-text.ts';

export type TextContent = Awaited<ReturnType<PDFPageProxy['getTextContent']>>;

/**
 * Each page's text, extracted lazily with pdf.js and kept as plain strings
 * (the text items themselves, with their transforms, are not kept): about
 * the size of the document's text, whatever its page count.
 */
export class PageTextIndex {
  readonly #pdf: PDFDocumentProxy;
  readonly #pages = new Map<number, PageText>();
  readonly #loading = new Map<number, Promise<PageText>>();
  readonly #folded = new Map<string, string>();

  constructor(pdf: PDFDocumentProxy) {
    this.#pdf = pdf;
  }

  get pageCount(): number {
    return this.#pdf.numPages;
  }

  /** The text of a page already extracted, if any. */
  cached(pageNumber: number): PageText | undefined {
    return this.#pages.get(pageNumber);
  }

  /**
   * Records a page's text from content the caller fetched anyway (the text
   * layer), so the index and the layer's spans agree item for item.
   */
  remember(pageNumber: number, content: TextContent): PageText {
    const known = this.#pages.get(pageNumber);
    if (known) return known;
    const pageText = pageTextFromItems(content.items);
    this.#pages.set(pageNumber, pageText);
    return pageText;
  }

  /** A page's text, extracted on first use. */
  pageText(pageNumber: number): Promise<PageText> {
    const known = this.#pages.get(pageNumber);
    if (known) return Promise.resolve(known);
    let loading = this.#loading.get(pageNumber);
    if (!loading) {
      loading = this.#pdf
        .getPage(pageNumber)
        .then((page) => page.getTextContent())
        .then((content) => this.remember(pageNumber, content))
        .finally(() => this.#loading.delete(pageNumber));
      this.#loading.set(pageNumber, loading);
    }
    return loading;
  }

  /** A page's text folded for search; the page must have been extracted. */
  folded(pageNumber: number, ignoreDiacritics: boolean): string {
    const key = `${pageNumber}:${ignoreDiacritics ? 'base' : 'case'}`;
    let folded = this.#folded.get(key);
    if (folded === undefined) {
      folded = foldForSearch(this.#pages.get(pageNumber)?.text ?? '', ignoreDiacritics);
      this.#folded.set(key, folded);
    }
    return folded;
  }
}
