import type { ErrorCode } from '#protocol/errors.ts';

/** A signaling failure meant for the client: it becomes an `ok:false` response. */
export class SignalError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
