import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { loadErrorText, usePdfDocument } from './use-pdf-document.ts';

/**
 * One document version being opened: download progress, then whatever
 * `children` renders with the PDF (the reader), or why it failed with a retry.
 */
export function DocumentPane({
  versionId,
  title,
  meetingStartsAt,
  children,
}: {
  versionId: string;
  title: string;
  meetingStartsAt?: string;
  children: (pdf: PDFDocumentProxy) => ReactNode;
}) {
  const { t } = useTranslation();
  const { load, retry } = usePdfDocument(versionId, meetingStartsAt);

  if (load.phase === 'ready') return children(load.pdf);
  const percent = load.phase === 'loading' ? Math.round(load.progress * 100) : 0;
  return (
    <section className="reader reader-pending" aria-label={title} aria-busy={load.phase === 'loading'}>
      <h3 className="reader-title">{title}</h3>
      {load.phase === 'loading' && (
        <div className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
          <div className="progress-bar" style={{ width: `${percent}%` }} />
          <span>{t('documents.loading', { percent })}</span>
        </div>
      )}
      {load.phase === 'failed' && (
        <div className="reader-failure" role="alert">
          <p className="error">{loadErrorText(t, load.error)}</p>
          <button type="button" className="button secondary" onClick={retry}>
            {t('documents.retry')}
          </button>
        </div>
      )}
    </section>
  );
}
