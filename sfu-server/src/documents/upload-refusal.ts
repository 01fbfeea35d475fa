import type { UploadRefusal } from '#protocol/documents.ts';
import { HttpError } from '../http/errors.ts';

/**
 * An upload refused before anything was stored. `message` is an English
 * sentence for the logs; the client explains `reason` in its own words.
 */
export class UploadRefused extends HttpError {
  readonly refusal: UploadRefusal;

  constructor(refusal: UploadRefusal, message: string) {
    super(refusal === 'too_large' ? 413 : 422, refusal === 'too_large' ? 'payload_too_large' : 'bad_request', message, refusal);
    this.refusal = refusal;
  }
}
