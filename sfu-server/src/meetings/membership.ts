import type { Kysely, Selectable } from 'kysely';
import type { AccountRole } from '#protocol/auth.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import type { Principal } from '../auth/tokens.ts';
import { HttpError } from '../http/errors.ts';
import type { Database, MeetingTable } from '../store/schema.ts';

/** Account roles that may convene meetings and look up the people and sites to invite. */
export const ORGANIZER_ROLES: readonly AccountRole[] = ['secretary', 'chair', 'admin'];

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

/** The meeting an agenda item belongs to, or null for an unknown item. */
export async function meetingOfAgendaItem(db: Kysely<Database>, itemId: string): Promise<string | null> {
  const row = await db.selectFrom('agenda_items').select('meeting_id').where('id', '=', itemId).executeTakeFirst();
  return row?.meeting_id ?? null;
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

/**
 * The meeting a document version belongs to, or null for an unknown version.
 * Annotation documents are named by version id: ink belongs to one version's pages.
 */
export async function meetingOfDocumentVersion(db: Kysely<Database>, versionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
    .select('agenda_items.meeting_id')
    .where('document_versions.id', '=', versionId)
    .executeTakeFirst();
  return row?.meeting_id ?? null;
}

/** A caller's standing in a meeting, once `requireMeetingRole` let them through. */
export interface MeetingStanding {
  meeting: Selectable<MeetingTable>;
  /** Their meeting role; an administrator who is not a participant acts as a secretary. */
  role: MeetingRole;
}

/**
 * The one permission check of meeting commands. Callers who are not
 * participants get 404, as if the meeting (or the item that led to it) did
 * not exist; participants without one of `roles` get 403; administrators
 * always pass. With `changes`, a closed meeting refuses with 409.
 */
export async function requireMeetingRole(
  db: Kysely<Database>,
  principal: Principal,
  options: { meetingId: string | null; roles: readonly MeetingRole[]; changes: boolean; notFound?: string },
): Promise<MeetingStanding> {
  const notFound = new HttpError(404, 'not_found', options.notFound ?? 'no such meeting');
  if (!options.meetingId) throw notFound;
  const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', options.meetingId).executeTakeFirst();
  if (!meeting) throw notFound;
  const role = await meetingRoleOf(db, meeting.id, principal.userId);
  const admin = principal.role === 'admin';
  if (!role && !admin) throw notFound;
  if (role && !admin && !options.roles.includes(role)) {
    throw new HttpError(403, 'forbidden', `only a meeting ${options.roles.join(' or ')} may do this`);
  }
  if (options.changes && meeting.status === 'closed') {
    throw new HttpError(409, 'conflict', 'the meeting is closed and can no longer be changed');
  }
  return { meeting, role: role ?? 'secretary' };
}
