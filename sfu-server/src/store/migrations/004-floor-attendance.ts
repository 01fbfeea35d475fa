import { sql, type Kysely } from 'kysely';

// Untyped on purpose: a migration runs against the schema as it was, not as the code now describes it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('floor_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('requester_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('limit_seconds', 'integer')
    .addColumn('warn_before_seconds', 'integer')
    .execute();
  await db.schema.createIndex('floor_requests_queue').on('floor_requests').columns(['meeting_id', 'status', 'position']).execute();
  // The floor's two rules live in the store, not only in the commands: one
  // waiting request per person, and one speaker per meeting at a time.
  await sql`CREATE UNIQUE INDEX floor_requests_one_waiting ON floor_requests (meeting_id, requester_id) WHERE status = 'waiting'`.execute(db);
  await sql`CREATE UNIQUE INDEX floor_requests_one_speaker ON floor_requests (meeting_id) WHERE status = 'speaking'`.execute(db);

  await db.schema
    .createTable('attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['meeting_id', 'account_id'])
    .execute();

  // One row per meeting once someone changes a setting; a null column means the protocol default.
  await db.schema
    .createTable('session_settings')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id').onDelete('cascade'))
    .addColumn('speech_seconds', 'integer')
    .addColumn('debate_seconds', 'integer')
    .addColumn('question_seconds', 'integer')
    .addColumn('warn_before_seconds', 'integer')
    .addColumn('quorum_numerator', 'integer')
    .addColumn('quorum_denominator', 'integer')
    .addColumn('updated_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
