import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THUMBNAIL_WIDTH, type PageRenderer } from './page-renderer.ts';

/** Thumbnails rendered beyond the visible ones, each side, so a short scroll shows them at once. */
const OVERSCAN = 3;
/** Space around and under each thumbnail (padding, page number), in CSS pixels. */
const ITEM_CHROME = 44;

interface Props {
  renderer: PageRenderer;
  version: number;
  currentPage: number;
  /** Page height / width, from the first page (the list lays out every item alike). */
  aspect: number;
  onSelect: (pageNumber: number) => void;
}

/**
 * A virtualized column of page thumbnails: only the items in view (plus a
 * few) exist in the DOM and are wanted from the renderer, so a 300-page
 * document costs the same as a 10-page one.
 */
export function ThumbnailStrip({ renderer, version, currentPage, aspect, onSelect }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  const itemHeight = Math.round(THUMBNAIL_WIDTH * aspect) + ITEM_CHROME;
  const pageCount = renderer.pageCount;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setView({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the current page's thumbnail in view as pages turn.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const top = (currentPage - 1) * itemHeight;
    if (top < element.scrollTop || top + itemHeight > element.scrollTop + element.clientHeight) {
      element.scrollTop = Math.max(0, top - (element.clientHeight - itemHeight) / 2);
    }
  }, [currentPage, itemHeight]);

  const first = Math.max(1, Math.floor(view.top / itemHeight) + 1 - OVERSCAN);
  const last = Math.min(pageCount, Math.ceil((view.top + view.height) / itemHeight) + OVERSCAN);
  useEffect(() => {
    const pages: number[] = [];
    for (let pageNumber = first; pageNumber <= last; pageNumber += 1) pages.push(pageNumber);
    renderer.wantThumbnails(pages);
  }, [renderer, first, last]);
  useEffect(() => () => renderer.wantThumbnails([]), [renderer]);

  const items: number[] = [];
  for (let pageNumber = first; pageNumber <= last; pageNumber += 1) items.push(pageNumber);
  return (
    <nav className="reader-thumbnails" aria-label={t('documents.thumbnails.list')}>
      <div ref={scroller} className="reader-thumbnails-scroller" onScroll={(event) => setView({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}>
        <ol className="reader-thumbnail-list" style={{ height: `${pageCount * itemHeight}px` }}>
          {items.map((pageNumber) => (
            <li key={pageNumber} style={{ top: `${(pageNumber - 1) * itemHeight}px`, height: `${itemHeight}px` }}>
              <Thumbnail renderer={renderer} version={version} pageNumber={pageNumber} aspect={aspect} current={pageNumber === currentPage} onSelect={onSelect} label={t('documents.thumbnails.item', { page: pageNumber })} />
            </li>
          ))}
        </ol>
      </div>
    </nav>
  );
}

function Thumbnail(props: { renderer: PageRenderer; version: number; pageNumber: number; aspect: number; current: boolean; label: string; onSelect: (pageNumber: number) => void }) {
  const { renderer, version, pageNumber, aspect, current, label, onSelect } = props;
  const host = useRef<HTMLSpanElement>(null);

  useLayoutEffect(() => {
    const canvas = renderer.thumbnail(pageNumber);
    if (host.current && host.current.firstElementChild !== canvas) {
      if (canvas) host.current.replaceChildren(canvas);
      else host.current.replaceChildren();
    }
  }, [renderer, version, pageNumber]);

  return (
    <button
      type="button"
      className="reader-thumbnail"
      aria-label={label}
      aria-current={current ? 'page' : undefined}
      data-testid="thumbnail"
      data-page={pageNumber}
      onClick={() => onSelect(pageNumber)}
    >
      <span ref={host} className="reader-thumbnail-image" style={{ width: `${THUMBNAIL_WIDTH}px`, height: `${Math.round(THUMBNAIL_WIDTH * aspect)}px` }} />
      <span className="reader-thumbnail-number" aria-hidden="true">
        {pageNumber}
      </span>
    </button>
  );
}
