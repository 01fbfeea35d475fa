import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { putAgendaItem } from '#protocol/collab/agenda.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import type { MeetingRole, MeetingStatus } from '#protocol/meetings.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import type { Database } from '../store/schema.ts';

/** Server commands that prepare a session. Callers have already checked permissions. */
export async function createMeeting(
  db: Kysely<Database>,
  meeting: { title: string; body: string; startsAt: string; location: string; status: MeetingStatus; createdBy: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('meetings')
    .values({
      id,
      title: meeting.title,
      body: meeting.body,
      starts_at: meeting.startsAt,
      location: meeting.location,
      status: meeting.status,
      created_by: meeting.createdBy,
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export async function addParticipants(
  db: Kysely<Database>,
  meetingId: string,
  participants: { accountId: string; role: MeetingRole }[],
): Promise<void> {
  if (participants.length === 0) return;
  await db
    .insertInto('meeting_participants')
    .values(participants.map(({ accountId, role }) => ({ meeting_id: meetingId, account_id: accountId, role })))
    .execute();
}

/** Adds an item at the end of the agenda, in the store and in the agenda document everyone sees. */
export async function addAgendaItem(
  db: Kysely<Database>,
  hub: CollabHub,
  meetingId: string,
  item: { title: string; presenter: string; plannedMinutes: number },
): Promise<string> {
  const id = randomUUID();
  const last = await db
    .selectFrom('agenda_items')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const position = last?.position === null || last?.position === undefined ? 0 : last.position + 1;
  await db
    .insertInto('agenda_items')
    .values({ id, meeting_id: meetingId, position, title: item.title, presenter: item.presenter, planned_minutes: item.plannedMinutes })
    .execute();
  await hub.change(formatDocName({ kind: 'agenda', meetingId }), (doc) =>
    putAgendaItem(doc, { id, title: item.title, presenter: item.presenter, plannedMinutes: item.plannedMinutes, order: position }),
  );
  return id;
}
