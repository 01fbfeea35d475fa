import { z } from 'zod';
import { AccountRole, User } from './auth.ts';
import { EntityId } from './ids.ts';

/** A person's role within one meeting (an account may chair one session and attend another). */
export const MeetingRole = z.enum(['chair', 'secretary', 'delegate', 'guest', 'site']);
export type MeetingRole = z.infer<typeof MeetingRole>;

/**
 * Lifecycle: draft → published → in_session → closed. A published meeting may
 * go back to draft (unpublished for corrections); nothing leaves `closed`.
 */
export const MeetingStatus = z.enum(['draft', 'published', 'in_session', 'closed']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const MEETING_TRANSITIONS: Record<MeetingStatus, MeetingStatus[]> = {
  draft: ['published'],
  published: ['draft', 'in_session'],
  in_session: ['closed'],
  closed: [],
};

export const MeetingSummary = z.object({
  id: EntityId,
  title: z.string(),
  /** The convening body, e.g. "HĐND tỉnh Hà Nam, kỳ họp thứ 7". */
  body: z.string(),
  startsAt: z.string(),
  location: z.string(),
  status: MeetingStatus,
  /** The caller's role in this meeting. */
  myRole: MeetingRole,
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

/**
 * One document attached to an agenda item, at its latest version. `id` names
 * the document across versions; `versionId` names these exact bytes (and the
 * annotation documents, which belong to one version's pages).
 */
export const DocumentSummary = z.object({
  id: EntityId,
  agendaItemId: EntityId,
  title: z.string(),
  versionId: EntityId,
  version: z.number().int().positive(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  pageCount: z.number().int().positive(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const AgendaItem = z.object({
  id: EntityId,
  position: z.number().int().nonnegative(),
  title: z.string(),
  presenter: z.string(),
  plannedMinutes: z.number().int().nonnegative(),
  documents: z.array(DocumentSummary),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const MeetingDetail = MeetingSummary.extend({
  agenda: z.array(AgendaItem),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const MeetingList = z.object({ meetings: z.array(MeetingSummary) });
export type MeetingList = z.infer<typeof MeetingList>;

// --- Session preparation (secretaries) ------------------------------------

const Text = (max: number) => z.string().trim().min(1).max(max);

/** POST /api/meetings: a new meeting starts as a draft with its creator as secretary. */
export const MeetingDraft = z.strictObject({
  title: Text(300),
  body: Text(300),
  /** ISO 8601 instant with offset, e.g. 2026-12-01T08:00:00+07:00. */
  startsAt: z.iso.datetime({ offset: true }),
  location: Text(300),
});
export type MeetingDraft = z.infer<typeof MeetingDraft>;

/** PATCH /api/meetings/:meetingId */
export const MeetingUpdate = MeetingDraft.partial();
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

/** POST /api/meetings/:meetingId/status */
export const MeetingStatusChange = z.strictObject({ status: MeetingStatus });
export type MeetingStatusChange = z.infer<typeof MeetingStatusChange>;

/** POST /api/meetings/:meetingId/agenda: appended at the end. */
export const AgendaItemDraft = z.strictObject({
  title: Text(500),
  presenter: z.string().trim().max(200),
  plannedMinutes: z.number().int().min(0).max(24 * 60),
});
export type AgendaItemDraft = z.infer<typeof AgendaItemDraft>;

/** PATCH /api/agenda-items/:itemId */
export const AgendaItemUpdate = AgendaItemDraft.partial();
export type AgendaItemUpdate = z.infer<typeof AgendaItemUpdate>;

/** PUT /api/meetings/:meetingId/agenda/order: every item id of the meeting, in the new order. */
export const AgendaOrder = z.strictObject({ itemIds: z.array(EntityId).min(1).max(500) });
export type AgendaOrder = z.infer<typeof AgendaOrder>;

export const UnitKind = z.enum(['province', 'district', 'commune']);
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z.object({ id: EntityId, parentId: EntityId.nullable(), name: z.string(), kind: UnitKind });
export type Unit = z.infer<typeof Unit>;

/** GET /api/units: the whole unit tree, parents before children. */
export const UnitList = z.object({ units: z.array(Unit) });
export type UnitList = z.infer<typeof UnitList>;

/** GET /api/accounts: people and sites a secretary may invite. */
export const AccountList = z.object({ accounts: z.array(User) });
export type AccountList = z.infer<typeof AccountList>;

export const Participant = z.object({
  accountId: EntityId,
  username: z.string(),
  displayName: z.string(),
  accountRole: AccountRole,
  unitId: EntityId.nullable(),
  role: MeetingRole,
});
export type Participant = z.infer<typeof Participant>;

/** GET /api/meetings/:meetingId/participants: everyone invited, and the units whose sites are invited. */
export const ParticipantList = z.object({ participants: z.array(Participant), siteUnitIds: z.array(EntityId) });
export type ParticipantList = z.infer<typeof ParticipantList>;

/** PUT /api/meetings/:meetingId/participants: invite someone, or change their role. */
export const ParticipantChange = z.strictObject({ accountId: EntityId, role: MeetingRole });
export type ParticipantChange = z.infer<typeof ParticipantChange>;

/** POST /api/meetings/:meetingId/sites: invite a unit; its site accounts join with role `site`. */
export const SiteInvitation = z.strictObject({ unitId: EntityId });
export type SiteInvitation = z.infer<typeof SiteInvitation>;

/** PUT /api/meetings/:meetingId/presentation: the chair or a secretary shows a document page to followers. */
export const PresentationRequest = z.strictObject({
  documentId: EntityId,
  versionId: EntityId,
  page: z.number().int().positive(),
});
export type PresentationRequest = z.infer<typeof PresentationRequest>;
