import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { LoginRequest, type LoginResponse } from '#protocol/auth.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';
import { findAccountByUsername, normalizeUsername, toUser } from './accounts.ts';
import { DECOY_HASH, verifyPassword } from './passwords.ts';
import type { TokenService } from './tokens.ts';

export interface LoginLimits {
  /** Attempts allowed per address and username within the window. */
  max: number;
  windowMs: number;
}

/**
 * Attempts are counted per (address, username), not per address alone: a
 * whole council hall often shares one NAT address, and guessing is per account.
 */
function attemptKey(request: FastifyRequest): string {
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return `${request.ip}|${typeof username === 'string' ? normalizeUsername(username).slice(0, 64) : ''}`;
}

export function registerLoginRoute(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; tokens: TokenService; limits: LoginLimits },
): void {
  app.post(
    '/api/auth/login',
    {
      config: {
        rateLimit: { max: deps.limits.max, timeWindow: deps.limits.windowMs, hook: 'preHandler', keyGenerator: attemptKey },
      },
    },
    async (request): Promise<LoginResponse> => {
      const { username, password } = parseInput(LoginRequest, request.body);
      const account = await findAccountByUsername(deps.db, username);
      // Always run one scrypt check so an unknown username costs the same time as a wrong password.
      const passwordMatches = await verifyPassword(password, account?.password_hash ?? DECOY_HASH);
      if (!account || !passwordMatches) {
        request.log.warn({ username: normalizeUsername(username) }, 'login failed');
        throw new HttpError(401, 'unauthorized', 'invalid username or password');
      }
      const user = toUser(account);
      const { token, expiresAt } = await deps.tokens.issue({
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
      });
      request.log.info({ userId: user.id }, 'login');
      return { token, expiresAt: expiresAt.toISOString(), user };
    },
  );
}
