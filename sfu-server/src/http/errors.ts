import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiError, ErrorCode } from '#protocol/errors.ts';

/** An error whose status, code, message and (optional) finer reason are meant for the client. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly reason: string | undefined;

  constructor(statusCode: number, code: ErrorCode, message: string, reason?: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.reason = reason;
  }
}

/** Parses untrusted input, turning a schema failure into a 400 that says what was wrong. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, 'bad_request', z.prettifyError(result.error));
  return result.data;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'bad_request',
  422: 'bad_request',
  429: 'rate_limited',
  503: 'unavailable',
};

function body(code: ErrorCode, message: string, reason?: string): ApiError {
  return { error: reason === undefined ? { code, message } : { code, message, reason } };
}

/** Every failure leaves as `{error:{code,message,reason?}}`; the unexpected ones are logged in full. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const statusCode = error.statusCode ?? 500;
    if (error instanceof HttpError) {
      request.log.info({ code: error.code, statusCode, reason: error.reason }, error.message);
      return reply.status(statusCode).send(body(error.code, error.message, error.reason));
    }
    const code = CODE_BY_STATUS[statusCode];
    if (code && statusCode < 500) {
      request.log.info({ code, statusCode }, error.message);
      return reply.status(statusCode).send(body(code, error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(body('internal', 'internal server error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(body('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
