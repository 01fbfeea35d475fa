import type { TFunction } from 'i18next';
import { DEFAULT_MAX_UPLOAD_BYTES, type UploadRefusal } from '#protocol/documents.ts';
import { errorText } from '../app/error-text.ts';
import { UploadFailure } from './upload.ts';

const LIMIT_MB = Math.round(DEFAULT_MAX_UPLOAD_BYTES / (1024 * 1024));

/** Why a file was refused, in a sentence a secretary can act on. */
export function refusalText(t: TFunction, reason: UploadRefusal): string {
  return t(`preparation.documents.refusal.${reason}`, { limit: LIMIT_MB });
}

/** A sentence for a failed upload: the refusal reason when there is one, otherwise the general error text. */
export function uploadErrorText(t: TFunction, error: unknown): string {
  if (error instanceof UploadFailure && error.reason) return refusalText(t, error.reason);
  return errorText(t, error);
}
