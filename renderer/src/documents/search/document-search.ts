import { compileQuery, matchFolded, type SearchOptions, type TextRange } from './match.ts';
import type { PageTextIndex } from './page-text-index.ts';

/** The matches of a query on one page, as offsets into that page's text. */
export interface PageMatches {
  pageNumber: number;
  matches: TextRange[];
}

/** Pages whose text is requested from the pdf.js worker at once. */
const PREFETCH = 6;

/**
 * Searches the whole document from the first page, reporting each page with
 * matches as soon as it has been searched, and how many pages are done.
 * Stops quietly when the signal aborts.
 */
export async function searchDocument(
  index: PageTextIndex,
  query: string,
  options: SearchOptions,
  listener: { signal: AbortSignal; onPage(found: PageMatches): void; onProgress(searchedPages: number): void },
): Promise<void> {
  const pattern = compileQuery(query, options);
  if (!pattern) return;
  const pending = new Map<number, Promise<unknown>>();
  const request = (pageNumber: number) => {
    if (pageNumber <= index.pageCount && !pending.has(pageNumber)) pending.set(pageNumber, index.pageText(pageNumber));
  };
  for (let pageNumber = 1; pageNumber <= index.pageCount; pageNumber += 1) {
    for (let ahead = 0; ahead < PREFETCH; ahead += 1) request(pageNumber + ahead);
    // A page whose text cannot be extracted is searched as empty rather than ending the search.
    await pending.get(pageNumber)?.catch(() => undefined);
    pending.delete(pageNumber);
    if (listener.signal.aborted) return;
    const matches = matchFolded(index.folded(pageNumber, options.ignoreDiacritics), pattern);
    if (matches.length > 0) listener.onPage({ pageNumber, matches });
    listener.onProgress(pageNumber);
  }
}
