import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { NodeId } from '#protocol/cascade.ts';

/**
 * Who a node trusts on its cascade links, as operators configure it:
 *
 * - a child pins its parent: PARENT_KEY_FINGERPRINT;
 * - a parent lists its children: CASCADE_CHILDREN, entries
 *   `<nodeId>=<fingerprint>=<unit>|<unit>…` separated by commas or new
 *   lines. Units are names exactly as in the directory (`Huyện Tiên Yên`)
 *   or unit ids; the parent, not the child, says what a child serves, so a
 *   node cannot claim sites it was not given.
 *
 * A fingerprint is the sha256 of the node's Ed25519 public key (SPKI DER),
 * 64 hex digits; `sha256:` prefixes, colons and case are ignored. Every node
 * prints its own at start and in GET /api/health.
 */

/** A child a parent accepts. */
export interface TrustedChild {
  nodeId: string;
  fingerprint: string;
  /** Unit names or ids this child serves (the root resolves them against its directory). */
  units: string[];
}

/** The fingerprint of a public key: sha256 of its SPKI DER, lower-case hex. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** A public key from its SPKI DER in base64 (as the handshake carries it). */
export function publicKeyFromBase64(spki: string): KeyObject {
  return createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
}

/** SPKI DER in base64. */
export function publicKeyToBase64(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** A configured fingerprint in canonical form; throws with the offending text. */
export function normalizeFingerprint(text: string): string {
  const hex = text.trim().replace(/^sha256:/i, '').replaceAll(':', '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a sha256 key fingerprint (64 hex digits): ${text}`);
  return hex;
}

/** Parses CASCADE_CHILDREN; throws naming the entry that is wrong. */
export function parseTrustedChildren(text: string | undefined): TrustedChild[] {
  if (!text?.trim()) return [];
  const children: TrustedChild[] = [];
  for (const entry of text.split(/[,\n]/).map((part) => part.trim()).filter(Boolean)) {
    const [nodeId = '', fingerprint = '', units = '', ...rest] = entry.split('=');
    if (rest.length > 0 || !NodeId.safeParse(nodeId.trim()).success || !units.trim()) {
      throw new Error(`CASCADE_CHILDREN entry must be <nodeId>=<fingerprint>=<unit>|<unit>…: ${entry}`);
    }
    const child = {
      nodeId: nodeId.trim(),
      fingerprint: normalizeFingerprint(fingerprint),
      units: units.split('|').map((unit) => unit.trim()).filter(Boolean),
    };
    if (children.some((known) => known.nodeId === child.nodeId || known.fingerprint === child.fingerprint)) {
      throw new Error(`CASCADE_CHILDREN lists a node id or key twice: ${entry}`);
    }
    children.push(child);
  }
  return children;
}
