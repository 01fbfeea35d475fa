import type { Kysely, Selectable } from 'kysely';
import type { AgendaItem, DocumentSummary, MeetingDetail, MeetingRole, MeetingSummary } from '#protocol/meetings.ts';
import type { Database, DocumentTable, MeetingTable } from '../store/schema.ts';

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

function toDocumentSummary(document: Selectable<DocumentTable>): DocumentSummary {
  return {
    id: document.id,
    agendaItemId: document.agenda_item_id,
    title: document.title,
    fileName: document.file_name,
    sizeBytes: document.size_bytes,
    pageCount: document.page_count,
    sha256: document.sha256,
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

/** One meeting with its agenda and documents, or null when it does not exist. */
export async function meetingDetail(db: Kysely<Database>, meetingId: string, myRole: MeetingRole): Promise<MeetingDetail | null> {
  const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) return null;
  const items = await db
    .selectFrom('agenda_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
  const documents = items.length
    ? await db
        .selectFrom('documents')
        .selectAll()
        .where(
          'agenda_item_id',
          'in',
          items.map((item) => item.id),
        )
        .orderBy('created_at')
        .execute()
    : [];
  const agenda: AgendaItem[] = items.map((item) => ({
    id: item.id,
    position: item.position,
    title: item.title,
    presenter: item.presenter,
    plannedMinutes: item.planned_minutes,
    documents: documents.filter((document) => document.agenda_item_id === item.id).map(toDocumentSummary),
  }));
  return { ...toSummary(meeting, myRole), agenda };
}
