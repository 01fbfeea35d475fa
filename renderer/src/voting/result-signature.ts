import { canonicalJson } from '#protocol/voting.ts';

/** What checking a signed result found. `unsupported`: this browser cannot verify Ed25519 (or is not in a secure context). */
export type SignatureVerdict = 'valid' | 'invalid' | 'unsupported';

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return base64ToBytes(base64);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Verifies, in this browser, the server's Ed25519 signature over the
 * canonical JSON of a result, exactly as received (`raw` is the reply body
 * of GET /api/polls/:id/result: `{result, signature, publicKey}`).
 */
export async function verifyResultSignature(raw: unknown): Promise<SignatureVerdict> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return 'unsupported';
  const body = raw as { result?: unknown; signature?: unknown; publicKey?: unknown };
  if (typeof body.signature !== 'string' || typeof body.publicKey !== 'string' || body.result === undefined) return 'invalid';
  let key: CryptoKey;
  try {
    key = await subtle.importKey('spki', pemToDer(body.publicKey), { name: 'Ed25519' }, false, ['verify']);
  } catch (error) {
    // A browser without Ed25519 says NotSupportedError; anything else means a malformed key.
    return error instanceof DOMException && error.name === 'NotSupportedError' ? 'unsupported' : 'invalid';
  }
  try {
    const signed = new TextEncoder().encode(canonicalJson(body.result));
    return (await subtle.verify({ name: 'Ed25519' }, key, base64ToBytes(body.signature), signed)) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
