import { sql, type Kysely } from 'kysely';

// Council votes. Secret polls (bỏ phiếu kín) keep who voted and what was
// chosen in two tables with no shared key, no timestamps and no insertion
// order: `secret_voters` is keyed by (poll, voter), `secret_choices` by a
// random receipt, and both are WITHOUT ROWID, so SQLite stores and returns
// them in key order, never in the order ballots arrived. At close (or cancel)
// the poll's choices are deleted and written again in receipt order, so even
// the byte layout of their pages stops following the casting order
// (`secure_delete` zeroes the deleted cells), and the WAL, whose frames
// do follow it, is checkpointed and truncated.
//
// PostgreSQL: there is no WITHOUT ROWID. A heap stores rows in insertion
// order and stamps each with its transaction id (xmin), which a voter's row
// and their choice's row would share. The same close-time rewrite covers it:
// the rewritten choices carry the close transaction's xmin and receipt-order
// ctids; run VACUUM on secret_choices after the close commits to drop the
// original tuples. WAL archives and replicas still hold the original inserts,
// so a deployment that must be unlinkable against its database operator
// keeps no WAL archive of a secret poll (or stages choices elsewhere until close).

// Untyped on purpose: a migration runs against the schema as it was, not as the code now describes it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('polls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    // A signed result does not name the agenda item, so losing the link loses nothing that was signed.
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('pass_option', 'integer')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer')
    .addColumn('allow_change', 'integer', (c) => c.notNull())
    .addColumn('show_live_results', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('eligible', 'integer')
    .addColumn('ballots_cast', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('rerun_of', 'text', (c) => c.references('polls.id'))
    .addColumn('cancel_reason', 'text')
    .addColumn('result', 'text')
    .addColumn('signature', 'text')
    .execute();
  await db.schema.createIndex('polls_meeting').on('polls').columns(['meeting_id', 'created_at']).execute();

  // The roll: who may vote, fixed when the poll opens (all at once, so it tells nothing about who voted).
  await db.schema
    .createTable('poll_eligible_voters')
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('poll_eligible_voters_pk', ['poll_id', 'voter_id'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('named_ballots')
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('option', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One ballot per delegate, enforced by the store even when two casts race.
    .addUniqueConstraint('named_ballots_one_per_voter', ['poll_id', 'voter_id'])
    .execute();

  await db.schema
    .createTable('secret_voters')
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('secret_voters_pk', ['poll_id', 'voter_id'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('secret_choices')
    .addColumn('receipt', 'text', (c) => c.primaryKey())
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('option', 'integer', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
  // Deliberately no index on secret_choices.poll_id: an index is one more b-tree filled in casting order.
}
