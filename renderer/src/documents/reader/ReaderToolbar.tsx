import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { steppedZoom, ZOOM_PERCENTS, zoomFromValue, zoomValue, type Zoom } from './zoom.ts';

interface Props {
  title: string;
  page: number;
  pageCount: number;
  onGoTo: (page: number) => void;
  zoom: Zoom;
  /** The scale the zoom gives the visible page, to step from a fitted zoom. */
  scale: number | undefined;
  onZoomChange: (zoom: Zoom) => void;
  thumbnailsOpen: boolean;
  onToggleThumbnails: () => void;
  searchOpen: boolean;
  onToggleSearch: () => void;
  extra?: ReactNode;
}

/** Title, thumbnails and search switches, paging, "go to page" and zoom. */
export function ReaderToolbar(props: Props) {
  const { page, pageCount, zoom, scale } = props;
  const { t } = useTranslation();
  const [draft, setDraft] = useState(String(page));
  useEffect(() => setDraft(String(page)), [page]);
  const commitDraft = () => {
    const wanted = Number.parseInt(draft, 10);
    if (Number.isFinite(wanted)) props.onGoTo(Math.min(pageCount, Math.max(1, wanted)));
    else setDraft(String(page));
  };
  const percents = zoom.mode === 'percent' && !(ZOOM_PERCENTS as readonly number[]).includes(zoom.percent) ? [...ZOOM_PERCENTS, zoom.percent].sort((a, b) => a - b) : ZOOM_PERCENTS;
  const zoomIn = scale === undefined ? null : steppedZoom(scale, 1);
  const zoomOut = scale === undefined ? null : steppedZoom(scale, -1);

  return (
    <header className="reader-toolbar" aria-label={t('documents.toolbar')}>
      <h3 className="reader-title">{props.title}</h3>
      <div className="reader-tools">
        <button type="button" className="button secondary" aria-pressed={props.thumbnailsOpen} data-testid="thumbnails-toggle" onClick={props.onToggleThumbnails}>
          {t('documents.thumbnails.toggle')}
        </button>
        <div className="reader-paging">
          <button type="button" className="button secondary" onClick={() => props.onGoTo(page - 1)} disabled={page <= 1}>
            {t('documents.previous')}
          </button>
          <span className="reader-page-indicator" data-testid="page-indicator" aria-live="polite">
            {t('documents.page', { page, count: pageCount })}
          </span>
          <button type="button" className="button secondary" onClick={() => props.onGoTo(page + 1)} disabled={page >= pageCount}>
            {t('documents.next')}
          </button>
          <input
            className="reader-page-input"
            type="number"
            inputMode="numeric"
            min={1}
            max={pageCount}
            value={draft}
            aria-label={t('documents.goToPage')}
            data-testid="page-input"
            onChange={(event) => setDraft(event.target.value)}
            onBlur={commitDraft}
            onKeyDown={(event) => event.key === 'Enter' && commitDraft()}
          />
        </div>
        <div className="reader-zoom">
          <button type="button" className="button secondary" aria-label={t('documents.zoom.out')} data-testid="zoom-out" disabled={!zoomOut} onClick={() => zoomOut && props.onZoomChange(zoomOut)}>
            −
          </button>
          <select aria-label={t('documents.zoom.label')} data-testid="zoom-select" value={zoomValue(zoom)} onChange={(event) => props.onZoomChange(zoomFromValue(event.target.value))}>
            <option value="fit-width">{t('documents.zoom.fitWidth')}</option>
            <option value="fit-page">{t('documents.zoom.fitPage')}</option>
            {percents.map((percent) => (
              <option key={percent} value={String(percent)}>
                {t('documents.zoom.percent', { percent })}
              </option>
            ))}
          </select>
          <button type="button" className="button secondary" aria-label={t('documents.zoom.in')} data-testid="zoom-in" disabled={!zoomIn} onClick={() => zoomIn && props.onZoomChange(zoomIn)}>
            +
          </button>
        </div>
        <button type="button" className="button secondary" aria-pressed={props.searchOpen} data-testid="search-toggle" onClick={props.onToggleSearch}>
          {t('documents.search.toggle')}
        </button>
        {props.extra}
      </div>
    </header>
  );
}
