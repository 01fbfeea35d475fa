import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { snippetAround } from '../search/match.ts';
import type { PageTextIndex } from '../search/page-text-index.ts';
import type { DocumentSearch } from './use-document-search.ts';

/** The current match: which page, and which of that page's matches. */
export interface ActiveMatch {
  pageNumber: number;
  match: number;
}

interface Props {
  index: PageTextIndex;
  query: string;
  onQueryChange: (query: string) => void;
  ignoreDiacritics: boolean;
  onIgnoreDiacriticsChange: (ignore: boolean) => void;
  search: DocumentSearch;
  active: ActiveMatch | null;
  /** 1-based position of the active match among all matches. */
  position: number | null;
  onSelect: (match: ActiveMatch) => void;
  onStep: (direction: 1 | -1) => void;
  onClose: () => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * Full-text search: the query, the "ignore diacritics" switch, the match
 * count with previous/next, and one result per page with a snippet.
 */
export function SearchPanel(props: Props) {
  const { index, query, ignoreDiacritics, search, active, position } = props;
  const { t } = useTranslation();
  const pageCount = index.pageCount;

  let status = '';
  if (search.status === 'searching') status = t('documents.search.searching', { searched: search.searchedPages, count: pageCount });
  else if (search.status === 'done') status = search.total === 0 ? t('documents.search.none') : t('documents.search.count', { count: search.total, pages: search.pages.length });

  return (
    <aside className="reader-search" aria-label={t('documents.search.panel')} data-testid="search-panel" data-state={search.status} data-query={search.query} data-ignore-diacritics={search.ignoreDiacritics}>
      <div className="reader-search-bar">
        <input
          ref={props.inputRef}
          type="search"
          autoFocus
          value={query}
          aria-label={t('documents.search.input')}
          placeholder={t('documents.search.placeholder')}
          data-testid="search-input"
          onChange={(event) => props.onQueryChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') props.onStep(event.shiftKey ? -1 : 1);
            if (event.key === 'Escape') props.onClose();
          }}
        />
        <button type="button" className="button secondary" aria-label={t('documents.search.close')} onClick={props.onClose}>
          ✕
        </button>
      </div>
      <label className="reader-search-option">
        <input type="checkbox" checked={ignoreDiacritics} data-testid="search-ignore-diacritics" onChange={(event) => props.onIgnoreDiacriticsChange(event.target.checked)} />
        <span>{t('documents.search.ignoreDiacritics')}</span>
      </label>
      <div className="reader-search-status">
        <p data-testid="search-count" aria-live="polite">
          {status}
        </p>
        <div className="reader-search-steps">
          <button type="button" className="button secondary" aria-label={t('documents.search.previous')} data-testid="search-previous" disabled={search.total === 0} onClick={() => props.onStep(-1)}>
            ↑
          </button>
          <span data-testid="search-position">{position !== null ? t('documents.search.position', { current: position, total: search.total }) : ''}</span>
          <button type="button" className="button secondary" aria-label={t('documents.search.next')} data-testid="search-next" disabled={search.total === 0} onClick={() => props.onStep(1)}>
            ↓
          </button>
        </div>
      </div>
      <ol className="reader-search-results" aria-label={t('documents.search.results')}>
        {search.pages.map(({ pageNumber, matches }) => {
          const text = index.cached(pageNumber)?.text ?? '';
          const snippet = matches[0] ? snippetAround(text, matches[0]) : null;
          return (
            <li key={pageNumber}>
              <button
                type="button"
                className="reader-search-result"
                data-testid="search-result"
                data-page={pageNumber}
                aria-current={active?.pageNumber === pageNumber ? 'true' : undefined}
                onClick={() => props.onSelect({ pageNumber, match: 0 })}
              >
                <span className="reader-search-result-page">
                  {t('documents.search.resultPage', { page: pageNumber })} · {t('documents.search.resultCount', { count: matches.length })}
                </span>
                {snippet && (
                  <span className="reader-search-snippet">
                    {snippet.before}
                    <mark>{snippet.match}</mark>
                    {snippet.after}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
