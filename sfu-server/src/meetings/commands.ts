import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import { MEETING_TRANSITIONS, type MeetingDraft, type MeetingStatus, type MeetingUpdate } from '#protocol/meetings.ts';
import { HttpError } from '../http/errors.ts';
import type { Database, MeetingTable } from '../store/schema.ts';

// Server commands on the meeting itself. Callers have already checked
// permissions (see `requireMeetingRole` in membership.ts).

/** Instants are stored in UTC so that they sort as text on every SQL dialect. */
function utc(instant: string): string {
  return new Date(instant).toISOString();
}

/** A new meeting starts as a draft, with its creator as its secretary. Returns its id. */
export async function createMeeting(db: Kysely<Database>, draft: MeetingDraft, createdBy: string): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('meetings')
      .values({
        id,
        title: draft.title,
        body: draft.body,
        starts_at: utc(draft.startsAt),
        location: draft.location,
        status: 'draft',
        created_by: createdBy,
        created_at: new Date().toISOString(),
      })
      .execute();
    await trx.insertInto('meeting_participants').values({ meeting_id: id, account_id: createdBy, role: 'secretary' }).execute();
  });
  return id;
}

export async function updateMeeting(db: Kysely<Database>, meetingId: string, update: MeetingUpdate): Promise<void> {
  const row: Updateable<MeetingTable> = {
    ...(update.title !== undefined && { title: update.title }),
    ...(update.body !== undefined && { body: update.body }),
    ...(update.startsAt !== undefined && { starts_at: utc(update.startsAt) }),
    ...(update.location !== undefined && { location: update.location }),
  };
  if (Object.keys(row).length === 0) return;
  await db.updateTable('meetings').set(row).where('id', '=', meetingId).execute();
}

/** Moves a meeting along its lifecycle; a move MEETING_TRANSITIONS does not allow is a 409. */
export async function changeMeetingStatus(db: Kysely<Database>, meetingId: string, status: MeetingStatus): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom('meetings').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow();
    if (!MEETING_TRANSITIONS[meeting.status].includes(status)) {
      const allowed = MEETING_TRANSITIONS[meeting.status];
      throw new HttpError(
        409,
        'conflict',
        `a ${meeting.status} meeting cannot become ${status}` + (allowed.length ? ` (only ${allowed.join(' or ')})` : ''),
      );
    }
    await trx.updateTable('meetings').set({ status }).where('id', '=', meetingId).execute();
  });
}
