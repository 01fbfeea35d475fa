import { createHash } from 'node:crypto';
import { canonicalJson } from '#protocol/voting.ts';

/** One audit entry as stored: `hash` commits to every other field and to the previous entry's hash. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  meetingId: string | null;
  action: string;
  /** JSON text of the details; never contains a secret ballot's choice. */
  details: string;
  prevHash: string;
  hash: string;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(canonicalJson({ seq: entry.seq, at: entry.at, actorId: entry.actorId, meetingId: entry.meetingId, action: entry.action, details: entry.details, prevHash: entry.prevHash }))
    .digest('hex');
}

export type ChainVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; firstBrokenSeq: number; reason: 'hash_mismatch' | 'broken_link' | 'gap' };

/**
 * Walks the chain in order and reports the first entry whose stored hash is
 * not the hash of its contents, whose link does not match the previous
 * entry, or that follows a missing sequence number (a deleted row).
 */
export function verifyChain(entries: Iterable<AuditEntry>): ChainVerdict {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const entry of entries) {
    count += 1;
    if (entry.seq !== expectedSeq) return { ok: false, entries: count, firstBrokenSeq: entry.seq, reason: 'gap' };
    if (entry.prevHash !== previousHash) return { ok: false, entries: count, firstBrokenSeq: entry.seq, reason: 'broken_link' };
    if (entryHash(entry) !== entry.hash) return { ok: false, entries: count, firstBrokenSeq: entry.seq, reason: 'hash_mismatch' };
    previousHash = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: count, head: previousHash };
}
