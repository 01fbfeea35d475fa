import { z } from 'zod';

/**
 * Uploading a PDF: `POST /api/agenda-items/:itemId/documents` (a new
 * document) or `POST /api/documents/:documentId/versions` (a new version),
 * with the raw bytes as the body (`content-type: application/pdf`) and these
 * headers, URI-encoded so Vietnamese names survive HTTP:
 */
export const UPLOAD_FILE_NAME_HEADER = 'x-file-name';
export const UPLOAD_TITLE_HEADER = 'x-document-title';

/** Default upload limit; the server's is configurable (MAX_UPLOAD_MB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Why an upload was refused, in `error.reason`. Every refusal stores nothing.
 * - not_pdf: no PDF signature
 * - truncated: the file ends before the PDF does (incomplete copy or upload)
 * - encrypted: needs a password to open
 * - unreadable: a PDF signature, but the file does not parse
 * - too_large: over the size limit (HTTP 413)
 */
export const UploadRefusal = z.enum(['not_pdf', 'truncated', 'encrypted', 'unreadable', 'too_large']);
export type UploadRefusal = z.infer<typeof UploadRefusal>;
