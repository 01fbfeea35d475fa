import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * Append-first storage of Yjs documents: every update is one row, written as
 * it arrives; compaction later replaces a prefix of rows by one merged state.
 * Yjs updates commute, so row order never matters for correctness.
 */
export class CollabPersistence {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Every stored update of a document, and the id of the newest row (0 when empty). */
  async load(docName: string): Promise<{ updates: Uint8Array[]; lastId: number }> {
    const rows = await this.#db
      .selectFrom('collab_updates')
      .select(['id', 'payload'])
      .where('doc_name', '=', docName)
      .orderBy('id')
      .execute();
    return { updates: rows.map((row) => row.payload), lastId: rows.at(-1)?.id ?? 0 };
  }

  /** Appends one update and returns its row id. */
  async append(docName: string, update: Uint8Array): Promise<number> {
    const row = await this.#db
      .insertInto('collab_updates')
      .values({ doc_name: docName, payload: update, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Replaces rows up to `upToId` by `state` (which must include them all), atomically. */
  async compact(docName: string, state: Uint8Array, upToId: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.insertInto('collab_updates').values({ doc_name: docName, payload: state, created_at: new Date().toISOString() }).execute();
      await trx.deleteFrom('collab_updates').where('doc_name', '=', docName).where('id', '<=', upToId).execute();
    });
  }
}
