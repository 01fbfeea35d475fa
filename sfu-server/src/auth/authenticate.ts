import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.ts';
import type { Principal, TokenVerifier } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireLogin` on routes that need a signed-in caller. */
    principal: Principal | null;
  }
}

/**
 * Bearer token from the Authorization header or, for WebSocket upgrades
 * (browsers cannot set headers there), the `token` query parameter.
 */
function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}

/** Registers the principal slot and returns an onRequest hook that refuses anonymous callers with 401 (before any WebSocket upgrade). */
export function installAuthentication(app: FastifyInstance, tokens: TokenVerifier) {
  app.decorateRequest('principal', null);
  return async function requireLogin(request: FastifyRequest): Promise<void> {
    const principal = await tokens.verify(tokenOf(request));
    if (!principal) throw new HttpError(401, 'unauthorized', 'missing, invalid or expired token');
    request.principal = principal;
  };
}

/** The signed-in caller of a route guarded by `requireLogin`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'unauthorized', 'not signed in');
  return request.principal;
}
