import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditLogTable, Database } from '../store/schema.ts';
import { GENESIS_HASH, entryHash, verifyChain, type AuditEntry, type ChainVerdict } from './chain.ts';

/** What a command records: who did what, where, with which details (never a secret ballot's choice). */
export interface AuditRecord {
  actorId: string | null;
  meetingId: string | null;
  /** Dotted verb, e.g. `poll.opened`, `ballot.cast`, `attendance.corrected`. */
  action: string;
  details: Record<string, unknown>;
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    meetingId: row.meeting_id,
    action: row.action,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The append-only, hash-chained record of every change to trusted state.
 * Commands append inside their own transaction, so a state change and its
 * entry commit or fail together. Anyone with the store can re-walk the
 * chain (`verify`, or `node sfu-server/src/audit/verify-cli.ts`).
 */
export class AuditLog {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Appends one entry; call it with the transaction that makes the change it records. */
  async append(trx: Transaction<Database>, record: AuditRecord): Promise<AuditEntry> {
    // The single SQLite connection serialises transactions, so reading the head here cannot race.
    const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const body = {
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actorId: record.actorId,
      meetingId: record.meetingId,
      action: record.action,
      details: JSON.stringify(record.details),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const entry = { ...body, hash: entryHash(body) };
    await trx
      .insertInto('audit_log')
      .values({
        seq: entry.seq,
        at: entry.at,
        actor_id: entry.actorId,
        meeting_id: entry.meetingId,
        action: entry.action,
        details: entry.details,
        prev_hash: entry.prevHash,
        hash: entry.hash,
      })
      .execute();
    return entry;
  }

  /** The newest entry's hash: the fingerprint that commits to the whole history so far. */
  async head(): Promise<string> {
    const last = await this.#db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return last?.hash ?? GENESIS_HASH;
  }

  async entries(meetingId?: string): Promise<AuditEntry[]> {
    let query = this.#db.selectFrom('audit_log').selectAll().orderBy('seq');
    if (meetingId) query = query.where('meeting_id', '=', meetingId);
    return (await query.execute()).map(toEntry);
  }

  /** Re-walks the whole chain and names the first broken link, if any. */
  async verify(): Promise<ChainVerdict> {
    return verifyChain(await this.entries());
  }
}
