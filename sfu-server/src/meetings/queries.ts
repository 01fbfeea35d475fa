import type { Kysely, Selectable } from 'kysely';
import type { AgendaItem, MeetingDetail, MeetingRole, MeetingSummary } from '#protocol/meetings.ts';
import { documentSummariesOf } from '../documents/queries.ts';
import { HttpError } from '../http/errors.ts';
import type { Database, MeetingTable } from '../store/schema.ts';

function toSummary(meeting: Selectable<MeetingTable>, myRole: MeetingRole): MeetingSummary {
  return {
    id: meeting.id,
    title: meeting.title,
    body: meeting.body,
    startsAt: meeting.starts_at,
    location: meeting.location,
    status: meeting.status,
    myRole,
  };
}

/** Meetings the user takes part in, soonest first. */
export async function listMeetingsOf(db: Kysely<Database>, userId: string): Promise<MeetingSummary[]> {
  const rows = await db
    .selectFrom('meetings')
    .innerJoin('meeting_participants', 'meeting_participants.meeting_id', 'meetings.id')
    .selectAll('meetings')
    .select('meeting_participants.role as my_role')
    .where('meeting_participants.account_id', '=', userId)
    .orderBy('meetings.starts_at')
    .execute();
  return rows.map(({ my_role, ...meeting }) => toSummary(meeting, my_role));
}

/** One meeting with its agenda and each document at its latest version, or null when it does not exist. */
export async function meetingDetail(db: Kysely<Database>, meetingId: string, myRole: MeetingRole): Promise<MeetingDetail | null> {
  const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) return null;
  const items = await db
    .selectFrom('agenda_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
  const documents = await documentSummariesOf(db, items.map((item) => item.id));
  const agenda: AgendaItem[] = items.map((item) => ({
    id: item.id,
    position: item.position,
    title: item.title,
    presenter: item.presenter,
    plannedMinutes: item.planned_minutes,
    documents: documents.filter((document) => document.agendaItemId === item.id),
  }));
  return { ...toSummary(meeting, myRole), agenda };
}

/** The meeting as a command leaves it; it vanishing in between is a 404. */
export async function meetingDetailOrThrow(db: Kysely<Database>, meetingId: string, myRole: MeetingRole): Promise<MeetingDetail> {
  const detail = await meetingDetail(db, meetingId, myRole);
  if (!detail) throw new HttpError(404, 'not_found', 'no such meeting');
  return detail;
}
