import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { ApiFailure } from '../api/http.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { platform } from '../platform/index.ts';
import { downloadVersion } from './download.ts';
import { openPdf } from './pdfjs.ts';

export type PdfLoad =
  | { phase: 'loading'; progress: number }
  | { phase: 'ready'; pdf: PDFDocumentProxy }
  | { phase: 'failed'; error: unknown };

/**
 * Opens one version of a document with pdf.js: from the device's offline
 * cache when it is there (a version's bytes never change), otherwise
 * downloaded with progress and cached for reading without a connection.
 * The document is destroyed (worker memory freed) on unmount or switch;
 * `retry` starts again after a failure.
 */
export function usePdfDocument(versionId: string, meetingStartsAt?: string): { load: PdfLoad; retry: () => void } {
  const { token } = useSession();
  const [load, setLoad] = useState<PdfLoad>({ phase: 'loading', progress: 0 });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    let task: PDFDocumentLoadingTask | undefined;
    setLoad({ phase: 'loading', progress: 0 });
    const bytes = async () => {
      const cached = await platform.readCachedDocument(versionId).catch(() => null);
      if (cached) return cached;
      const downloaded = await downloadVersion(versionId, token, (progress) => live && setLoad({ phase: 'loading', progress }));
      // Cached before pdf.js gets the bytes: it may take ownership of the buffer.
      await platform.cacheDocument(versionId, downloaded, meetingStartsAt).catch(() => undefined);
      return downloaded;
    };
    bytes()
      .then((data) => {
        task = openPdf(data);
        return task.promise;
      })
      .then(
        (pdf) => live && setLoad({ phase: 'ready', pdf }),
        (error: unknown) => live && setLoad({ phase: 'failed', error }),
      );
    return () => {
      live = false;
      void task?.destroy();
    };
  }, [versionId, token, attempt, meetingStartsAt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { load, retry };
}

/** Why a document did not open, in words for the delegate. */
export function loadErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiFailure) return errorText(t, error);
  if (error instanceof Error && error.name === 'InvalidPDFException') return t('documents.invalid');
  return t('documents.failed');
}
