import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import type { DocumentSummary } from '#protocol/meetings.ts';
import { useSession } from '../app/session-context.tsx';
import { downloadDocument } from './download.ts';
import { openPdf } from './pdfjs.ts';

type LoadState = { phase: 'loading'; progress: number } | { phase: 'ready'; pdf: PDFDocumentProxy } | { phase: 'failed' };

/** Reads one document page by page, fitted to the panel width. */
export function PdfViewer({ document }: { document: DocumentSummary }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [state, setState] = useState<LoadState>({ phase: 'loading', progress: 0 });
  const [page, setPage] = useState(1);
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    let task: PDFDocumentLoadingTask | undefined;
    setState({ phase: 'loading', progress: 0 });
    setPage(1);
    downloadDocument(document.id, token, (progress) => live && setState({ phase: 'loading', progress }))
      .then((bytes) => {
        task = openPdf(bytes);
        return task.promise;
      })
      .then(
        (pdf) => live && setState({ phase: 'ready', pdf }),
        () => live && setState({ phase: 'failed' }),
      );
    return () => {
      live = false;
      void task?.destroy();
    };
  }, [document.id, token]);

  const pdf = state.phase === 'ready' ? state.pdf : undefined;
  useEffect(() => {
    if (!pdf || !canvas.current || !frame.current) return;
    let task: { cancel(): void } | undefined;
    let live = true;
    void pdf.getPage(page).then((pdfPage) => {
      if (!live || !canvas.current || !frame.current) return;
      const unscaled = pdfPage.getViewport({ scale: 1 });
      const scale = frame.current.clientWidth / unscaled.width;
      const ratio = window.devicePixelRatio || 1;
      const viewport = pdfPage.getViewport({ scale: scale * ratio });
      canvas.current.width = Math.floor(viewport.width);
      canvas.current.height = Math.floor(viewport.height);
      canvas.current.style.width = `${Math.floor(viewport.width / ratio)}px`;
      const render = pdfPage.render({ canvas: canvas.current, viewport });
      task = render;
      render.promise.catch(() => undefined);
    });
    return () => {
      live = false;
      task?.cancel();
    };
  }, [pdf, page]);

  const pageCount = pdf?.numPages ?? document.pageCount;
  const turn = (delta: number) => setPage((current) => Math.min(pageCount, Math.max(1, current + delta)));

  return (
    <section
      className="pdf-viewer"
      aria-label={document.title}
      tabIndex={0}
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight' || event.key === 'PageDown') turn(1);
        if (event.key === 'ArrowLeft' || event.key === 'PageUp') turn(-1);
      }}
    >
      <header className="pdf-toolbar">
        <h3 className="pdf-title">{document.title}</h3>
        <button type="button" className="button secondary" onClick={() => turn(-1)} disabled={page <= 1}>
          {t('documents.previous')}
        </button>
        <span className="pdf-page-indicator" data-testid="page-indicator">
          {t('documents.page', { page, count: pageCount })}
        </span>
        <button type="button" className="button secondary" onClick={() => turn(1)} disabled={page >= pageCount}>
          {t('documents.next')}
        </button>
      </header>
      <div className="pdf-frame" ref={frame}>
        {state.phase === 'loading' && (
          <div className="progress" role="progressbar" aria-valuenow={Math.round(state.progress * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div className="progress-bar" style={{ width: `${state.progress * 100}%` }} />
            <span>{t('documents.loading', { percent: Math.round(state.progress * 100) })}</span>
          </div>
        )}
        {state.phase === 'failed' && (
          <p className="error" role="alert">
            {t('documents.failed')}
          </p>
        )}
        <canvas ref={canvas} className="pdf-page" data-testid="pdf-page" data-page={page} hidden={state.phase !== 'ready'} />
      </div>
    </section>
  );
}
