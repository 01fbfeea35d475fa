import { useEffect, useState } from 'react';
import { searchDocument, type PageMatches } from '../search/document-search.ts';
import type { PageTextIndex } from '../search/page-text-index.ts';

export interface DocumentSearch {
  status: 'idle' | 'searching' | 'done';
  /** The query these results are for (the input may already hold a newer one). */
  query: string;
  ignoreDiacritics: boolean;
  /** Pages with matches, in page order. */
  pages: PageMatches[];
  searchedPages: number;
  total: number;
}

const IDLE: DocumentSearch = { status: 'idle', query: '', ignoreDiacritics: false, pages: [], searchedPages: 0, total: 0 };
/** Typing pause before a search starts. */
const DEBOUNCE_MS = 250;
/** Results appear in batches rather than one render per page. */
const PUBLISH_MS = 120;

/** Searches the document as the query changes; a new query cancels the previous search. */
export function useDocumentSearch(index: PageTextIndex, query: string, ignoreDiacritics: boolean): DocumentSearch {
  const [search, setSearch] = useState<DocumentSearch>(IDLE);

  useEffect(() => {
    if (!query.trim()) {
      setSearch(IDLE);
      return;
    }
    // The previous results stay on screen, marked stale, until the new ones arrive.
    setSearch((previous) => ({ ...previous, status: 'searching' }));
    const controller = new AbortController();
    const found: PageMatches[] = [];
    let searched = 0;
    let publishTimer: ReturnType<typeof setTimeout> | undefined;
    const publish = (status: DocumentSearch['status']) => {
      publishTimer = undefined;
      const total = found.reduce((sum, page) => sum + page.matches.length, 0);
      setSearch({ status, query, ignoreDiacritics, pages: [...found], searchedPages: searched, total });
    };
    const schedule = () => {
      publishTimer ??= setTimeout(() => publish('searching'), PUBLISH_MS);
    };
    const start = setTimeout(() => {
      void searchDocument(index, query, { ignoreDiacritics }, {
        signal: controller.signal,
        onPage: (page) => {
          found.push(page);
          schedule();
        },
        onProgress: (pages) => {
          searched = pages;
          schedule();
        },
      }).then(() => {
        if (controller.signal.aborted) return;
        clearTimeout(publishTimer);
        publish('done');
      });
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      clearTimeout(start);
      clearTimeout(publishTimer);
    };
  }, [index, query, ignoreDiacritics]);

  return search;
}
