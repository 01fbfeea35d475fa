import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextLayer, type PageViewport, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import type { TextRange } from '../search/match.ts';
import { PageTextIndex } from '../search/page-text-index.ts';
import { PageRenderer } from './page-renderer.ts';
import { PageView } from './PageView.tsx';
import { ReaderToolbar } from './ReaderToolbar.tsx';
import { SearchPanel, type ActiveMatch } from './SearchPanel.tsx';
import { TextLayerView } from './TextLayerView.tsx';
import { ThumbnailStrip } from './ThumbnailStrip.tsx';
import { useDocumentSearch } from './use-document-search.ts';
import { useElementSize } from './use-element-size.ts';
import { scaleForZoom, STAGE_GUTTER, zoomFromValue, zoomValue, type Zoom } from './zoom.ts';

export type { Zoom } from './zoom.ts';

export interface DocumentReaderProps {
  pdf: PDFDocumentProxy;
  title: string;
  /** The page shown (1-based). Pass it to control the page from outside (presenter sync); omit to let the reader keep its own. */
  page?: number;
  /** Called when the person turns the page (keys, swipe, buttons, thumbnails, search), not when `page` changes from outside. */
  onPageChange?: (page: number) => void;
  /** The zoom; omit to let the reader keep its own (fit width at first). */
  zoom?: Zoom;
  onZoomChange?: (zoom: Zoom) => void;
  /**
   * Draws a layer above the visible page's canvas and text layer, sized to
   * the page. `viewport` is pdf.js's viewport at the current zoom in CSS
   * pixels (viewport.transform maps PDF points to the layer). The layer
   * itself lets pointer events through to the text (selection keeps
   * working); elements in it that want the pointer set `pointer-events: auto`.
   */
  renderPageOverlay?: (pageNumber: number, viewport: PageViewport) => ReactNode;
  /** More controls at the end of the toolbar. */
  toolbarExtra?: ReactNode;
}

/** Below this width the side panels float over the page instead of narrowing it (tablets). */
const NARROW_LAYOUT = '(max-width: 1100px)';
/** A horizontal touch movement at least this long (CSS px), and mostly horizontal, turns the page. */
const SWIPE_DISTANCE = 60;
const SWIPE_MAX_MS = 800;
const NO_MATCHES: readonly TextRange[] = [];
const noSubscription = () => () => undefined;
const noVersion = () => 0;

const isNarrow = () => window.matchMedia(NARROW_LAYOUT).matches;

/**
 * Reads a PDF: one page at a time with pdf.js (canvas and selectable text
 * layer), thumbnails, zoom, keyboard and swipe paging, and full-text search
 * that can ignore Vietnamese diacritics. Rendered bitmaps are kept within a
 * fixed budget, so a 300-page document uses no more memory than a short one.
 */
export function DocumentReader(props: DocumentReaderProps) {
  const { pdf, title, onPageChange, onZoomChange, renderPageOverlay } = props;
  const { t } = useTranslation();
  const pageCount = pdf.numPages;
  const [ownPage, setOwnPage] = useState(1);
  const [ownZoom, setOwnZoom] = useState<Zoom>({ mode: 'fit-width' });
  const page = Math.min(pageCount, Math.max(1, props.page ?? ownPage));
  const controlledPage = props.page !== undefined;
  const zoomKey = zoomValue(props.zoom ?? ownZoom);
  const zoom = useMemo(() => zoomFromValue(zoomKey), [zoomKey]);

  const goTo = useCallback(
    (target: number) => {
      const next = Math.min(pageCount, Math.max(1, target));
      if (next === page) return;
      if (!controlledPage) setOwnPage(next);
      onPageChange?.(next);
    },
    [page, pageCount, controlledPage, onPageChange],
  );
  const changeZoom = (next: Zoom) => {
    if (props.zoom === undefined) setOwnZoom(next);
    onZoomChange?.(next);
  };

  const [renderer, setRenderer] = useState<PageRenderer | null>(null);
  useEffect(() => {
    const created = new PageRenderer(pdf);
    setRenderer(created);
    return () => {
      created.destroy();
      setRenderer(null);
      // pdf.js's text measuring canvases and caches (skipped by pdf.js while another text layer is rendering).
      TextLayer.cleanup();
    };
  }, [pdf]);
  const version = useSyncExternalStore(renderer?.subscribe ?? noSubscription, renderer?.version ?? noVersion);
  const index = useMemo(() => new PageTextIndex(pdf), [pdf]);

  const root = useRef<HTMLElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const stageSize = useElementSize(stage);
  const proxy = renderer?.page(page);
  const scaleOf = useCallback((target: PDFPageProxy) => scaleForZoom(zoom, target.getViewport({ scale: 1 }), stageSize), [zoom, stageSize]);
  const scale = proxy && stageSize.width > 0 ? scaleOf(proxy) : undefined;
  const viewport = useMemo(() => (proxy && scale !== undefined ? proxy.getViewport({ scale }) : undefined), [proxy, scale]);

  // The visible page first, then the ones a reader turns to next.
  useEffect(() => {
    if (renderer && stageSize.width > 0) renderer.wantPages([page, page + 1, page - 1], scaleOf);
  }, [renderer, page, scaleOf, stageSize.width]);

  useLayoutEffect(() => {
    stage.current?.scrollTo({ top: 0, left: 0 });
  }, [page]);

  const [thumbnailsOpen, setThumbnailsOpen] = useState(() => !isNarrow());
  const [searchOpen, setSearchOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [ignoreDiacritics, setIgnoreDiacritics] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const search = useDocumentSearch(index, searchOpen ? query : '', ignoreDiacritics);
  const [active, setActive] = useState<ActiveMatch | null>(null);
  useEffect(() => setActive(null), [query, ignoreDiacritics, searchOpen]);
  const allMatches = useMemo(() => search.pages.flatMap(({ pageNumber, matches }) => matches.map((_, match) => ({ pageNumber, match }))), [search.pages]);
  const activeIndex = active ? allMatches.findIndex((candidate) => candidate.pageNumber === active.pageNumber && candidate.match === active.match) : -1;
  const pageMatches = useMemo(() => search.pages.find((found) => found.pageNumber === page)?.matches ?? NO_MATCHES, [search.pages, page]);

  const selectMatch = (match: ActiveMatch) => {
    setActive(match);
    goTo(match.pageNumber);
  };
  const stepMatch = (direction: 1 | -1) => {
    if (allMatches.length === 0) return;
    let next: number;
    if (activeIndex >= 0) next = (activeIndex + direction + allMatches.length) % allMatches.length;
    else if (direction === 1) next = Math.max(0, allMatches.findIndex((candidate) => candidate.pageNumber >= page));
    else next = allMatches.findLastIndex((candidate) => candidate.pageNumber <= page);
    const match = allMatches[next < 0 ? allMatches.length - 1 : next];
    if (match) selectMatch(match);
  };

  /** Scrolls the stage just enough to show the current match, a third of the way down. */
  const reveal = useCallback((element: HTMLElement) => {
    const frame = stage.current;
    if (!frame) return;
    const target = element.getBoundingClientRect();
    const bounds = frame.getBoundingClientRect();
    if (target.top < bounds.top || target.bottom > bounds.bottom) frame.scrollTop += target.top - bounds.top - bounds.height / 3;
    if (target.left < bounds.left || target.right > bounds.right) frame.scrollLeft += target.left - bounds.left - bounds.width / 3;
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      setSearchOpen(true);
      searchInput.current?.focus();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if ((event.target as HTMLElement).closest('input, textarea, select, [contenteditable="true"]')) return;
    const turns: Record<string, number> = { ArrowRight: page + 1, PageDown: page + 1, ArrowLeft: page - 1, PageUp: page - 1, Home: 1, End: pageCount };
    const target = turns[event.key];
    if (target === undefined) return;
    event.preventDefault();
    goTo(target);
  };

  // Swipe: touch only (a mouse drag selects text), and only when the page is not wider than the stage (then a horizontal drag pans).
  const swipe = useRef<{ pointerId: number; x: number; y: number; time: number } | null>(null);
  const pannable = viewport !== undefined && viewport.width + STAGE_GUTTER > stageSize.width;

  const stats = renderer?.stats();
  return (
    <section
      ref={root}
      className="reader"
      aria-label={title}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="document-reader"
      data-thumbnails={thumbnailsOpen ? 'open' : 'closed'}
      data-search={searchOpen ? 'open' : 'closed'}
      data-renderer-busy={stats?.busy ? 'true' : 'false'}
      data-cached-pages={stats?.pageCanvases}
      data-cached-thumbnails={stats?.thumbnails}
    >
      <ReaderToolbar
        title={title}
        page={page}
        pageCount={pageCount}
        onGoTo={goTo}
        zoom={zoom}
        scale={scale}
        onZoomChange={changeZoom}
        thumbnailsOpen={thumbnailsOpen}
        onToggleThumbnails={() => setThumbnailsOpen((open) => !open)}
        searchOpen={searchOpen}
        onToggleSearch={() => setSearchOpen((open) => !open)}
        extra={props.toolbarExtra}
      />
      <div className="reader-body">
        {thumbnailsOpen && renderer && (
          <ThumbnailStrip
            renderer={renderer}
            version={version}
            currentPage={page}
            aspect={aspectOf(renderer.page(1))}
            onSelect={(pageNumber) => {
              goTo(pageNumber);
              if (isNarrow()) setThumbnailsOpen(false);
            }}
          />
        )}
        <div
          ref={stage}
          className="reader-stage"
          aria-label={t('documents.stage')}
          role="region"
          style={{ touchAction: pannable ? 'auto' : 'pan-y pinch-zoom' }}
          onPointerDown={(event) => {
            if (event.pointerType === 'touch' && event.isPrimary) swipe.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, time: event.timeStamp };
          }}
          onPointerUp={(event) => {
            const start = swipe.current;
            swipe.current = null;
            if (!start || start.pointerId !== event.pointerId || pannable) return;
            const dx = event.clientX - start.x;
            const dy = event.clientY - start.y;
            if (Math.abs(dx) >= SWIPE_DISTANCE && Math.abs(dx) > 2 * Math.abs(dy) && event.timeStamp - start.time <= SWIPE_MAX_MS) goTo(dx < 0 ? page + 1 : page - 1);
          }}
          onPointerCancel={() => {
            swipe.current = null;
          }}
        >
          {renderer && proxy && viewport && scale !== undefined && (
            <PageView renderer={renderer} version={version} pageNumber={page} scale={scale} viewport={viewport}>
              <TextLayerView page={proxy} viewport={viewport} index={index} matches={pageMatches} selectedMatch={active?.pageNumber === page ? active.match : null} onReveal={reveal} />
              {renderPageOverlay && <div className="reader-overlay">{renderPageOverlay(page, viewport)}</div>}
            </PageView>
          )}
        </div>
        {searchOpen && (
          <SearchPanel
            index={index}
            query={query}
            onQueryChange={setQuery}
            ignoreDiacritics={ignoreDiacritics}
            onIgnoreDiacriticsChange={setIgnoreDiacritics}
            search={search}
            active={active}
            position={activeIndex >= 0 ? activeIndex + 1 : null}
            onSelect={selectMatch}
            onStep={stepMatch}
            onClose={() => {
              setSearchOpen(false);
              root.current?.focus();
            }}
            inputRef={searchInput}
          />
        )}
      </div>
    </section>
  );
}

/** Height / width of a page (A4 until the first page has loaded). */
function aspectOf(page: PDFPageProxy | undefined): number {
  if (!page) return Math.SQRT2;
  const { width, height } = page.getViewport({ scale: 1 });
  return height / width;
}
