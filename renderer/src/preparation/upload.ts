import { ApiError } from '#protocol/errors.ts';
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  UPLOAD_FILE_NAME_HEADER,
  UPLOAD_TITLE_HEADER,
  UploadRefusal,
} from '#protocol/documents.ts';
import { DocumentSummary } from '#protocol/meetings.ts';
import { ApiFailure } from '../api/http.ts';
import { platform } from '../platform/index.ts';

/** A refused or failed upload: the server's error code, and why a file was refused when it says so. */
export class UploadFailure extends ApiFailure {
  override readonly reason: UploadRefusal | undefined;

  constructor(code: ApiFailure['code'], status: number, message: string, reason?: UploadRefusal) {
    super(code, status, message);
    this.reason = reason;
  }
}

/** Where the bytes go: a new document on an agenda item, or a new version of an existing document. */
export type UploadTarget = { kind: 'new-document'; agendaItemId: string } | { kind: 'new-version'; documentId: string };

function uploadPath(target: UploadTarget): string {
  return target.kind === 'new-document'
    ? `/api/agenda-items/${target.agendaItemId}/documents`
    : `/api/documents/${target.documentId}/versions`;
}

/**
 * What the client can tell before sending anything: a file that is not named
 * .pdf, or one over the size limit. The server checks everything again, and
 * its verdict is the one that counts.
 */
export function refusalBeforeUpload(file: { name: string; size: number }): UploadRefusal | null {
  if (!/\.pdf$/i.test(file.name)) return 'not_pdf';
  if (file.size > DEFAULT_MAX_UPLOAD_BYTES) return 'too_large';
  return null;
}

/** The document title a file suggests: its name without the extension. */
export function titleFromFileName(fileName: string): string {
  return fileName.replace(/\.pdf$/i, '').trim() || fileName;
}

/**
 * Sends a PDF as the raw request body. XMLHttpRequest, because fetch cannot
 * report upload progress: `onProgress` gets the sent fraction (0–1).
 * Resolves with the stored document; rejects with an UploadFailure.
 */
export function uploadPdf(
  target: UploadTarget,
  file: File,
  options: { token: string; title: string; onProgress: (fraction: number) => void },
): Promise<DocumentSummary> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${platform.serverUrl()}${uploadPath(target)}`);
    request.setRequestHeader('authorization', `Bearer ${options.token}`);
    request.setRequestHeader('content-type', 'application/pdf');
    request.setRequestHeader(UPLOAD_FILE_NAME_HEADER, encodeURIComponent(file.name));
    request.setRequestHeader(UPLOAD_TITLE_HEADER, encodeURIComponent(options.title));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new UploadFailure('network', 0, 'upload failed before the server answered'));
    request.onload = () => {
      const body: unknown = (() => {
        try {
          return JSON.parse(request.responseText);
        } catch {
          return null;
        }
      })();
      if (request.status >= 200 && request.status < 300) {
        const document = DocumentSummary.safeParse(body);
        if (document.success) {
          options.onProgress(1);
          resolve(document.data);
        } else {
          reject(new UploadFailure('internal', request.status, 'upload reply does not match DocumentSummary'));
        }
        return;
      }
      reject(failureOf(request.status, body));
    };
    request.send(file);
  });
}

function failureOf(status: number, body: unknown): UploadFailure {
  const parsed = ApiError.safeParse(body);
  if (!parsed.success) {
    // A proxy or the HTTP layer can refuse an oversized body before the API sees it.
    return status === 413
      ? new UploadFailure('payload_too_large', status, 'HTTP 413', 'too_large')
      : new UploadFailure('internal', status, `HTTP ${status}`);
  }
  const { code, message, reason } = parsed.data.error;
  const refusal = UploadRefusal.safeParse(reason);
  return new UploadFailure(code, status, message, refusal.success ? refusal.data : status === 413 ? 'too_large' : undefined);
}
