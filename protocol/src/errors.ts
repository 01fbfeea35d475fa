import { z } from 'zod';

/**
 * Machine-readable error codes shared by REST and signaling. The renderer maps
 * each code to a sentence a delegate or secretary understands; `message` is
 * for logs and developers.
 */
export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unknown_method',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** A finer reason where the UI explains it differently (e.g. why an upload was refused). */
    reason: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
