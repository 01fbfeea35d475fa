import { createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from '#protocol/voting.ts';
import type { NodeKey } from './node-key.ts';

/** The node's public key as SPKI PEM: what anyone needs to check a signed result. */
export function publicKeyPem(key: NodeKey): string {
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** Ed25519 signature (base64) over the canonical JSON of a value. */
export function signCanonical(key: NodeKey, value: unknown): string {
  return sign(null, Buffer.from(canonicalJson(value)), key.privateKey).toString('base64');
}

/** Checks a signature made by `signCanonical` with a public key in PEM. */
export function verifyCanonical(publicKey: string, value: unknown, signature: string): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(value)), createPublicKey(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
