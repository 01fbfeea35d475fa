import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { AccountRole } from '#protocol/auth.ts';
import { z } from 'zod';
import type { NodeKey } from '../identity/node-key.ts';

/** Who a verified token speaks for. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: AccountRole;
}

const Claims = z.object({
  sub: z.string(),
  username: z.string(),
  name: z.string(),
  role: AccountRole,
});

const ISSUER = 'dien-hong';

/** Issues and verifies expiring EdDSA-signed bearer tokens. */
export class TokenService {
  readonly #key: NodeKey;
  readonly #ttlSeconds: number;

  constructor(key: NodeKey, ttlSeconds: number) {
    this.#key = key;
    this.#ttlSeconds = ttlSeconds;
  }

  async issue(principal: Principal): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.#ttlSeconds * 1000);
    const token = await new SignJWT({ username: principal.username, name: principal.displayName, role: principal.role })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(principal.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.#key.privateKey);
    return { token, expiresAt };
  }

  /** The principal, or null for a missing, forged, malformed or expired token. */
  verify(token: string | undefined): Promise<Principal | null> {
    return verifyToken(token, this.#key.publicKey);
  }
}

/** Whatever checks bearer tokens: the TokenService, or (cascade child) the root's public key. */
export interface TokenVerifier {
  verify(token: string | undefined): Promise<Principal | null>;
}

/**
 * A token's principal, checked against the public key of the node that
 * signed it, or null for a missing, forged, malformed or expired token.
 * Cascade children check the root's tokens this way, without its store.
 */
export async function verifyToken(token: string | undefined, publicKey: KeyObject): Promise<Principal | null> {
  if (!token || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, publicKey, { issuer: ISSUER, algorithms: ['EdDSA'] });
    const claims = Claims.parse(payload);
    return { userId: claims.sub, username: claims.username, displayName: claims.name, role: claims.role };
  } catch {
    return null;
  }
}
