import type { Kysely } from 'kysely';
import type { MeetingRole } from '#protocol/meetings.ts';
import type { Database } from '../store/schema.ts';

/** The caller's role in a meeting, or null when they are not a participant. */
export async function meetingRoleOf(db: Kysely<Database>, meetingId: string, userId: string): Promise<MeetingRole | null> {
  const row = await db
    .selectFrom('meeting_participants')
    .select('role')
    .where('meeting_id', '=', meetingId)
    .where('account_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** The meeting a document belongs to (through its agenda item), or null for an unknown document. */
export async function meetingOfDocument(db: Kysely<Database>, documentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('documents')
    .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
    .select('agenda_items.meeting_id')
    .where('documents.id', '=', documentId)
    .executeTakeFirst();
  return row?.meeting_id ?? null;
}
