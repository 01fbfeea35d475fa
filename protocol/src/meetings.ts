import { z } from 'zod';
import { EntityId } from './ids.ts';

/** A person's role within one meeting (an account may chair one session and attend another). */
export const MeetingRole = z.enum(['chair', 'secretary', 'delegate', 'guest', 'site']);
export type MeetingRole = z.infer<typeof MeetingRole>;

export const MeetingStatus = z.enum(['draft', 'published', 'in_session', 'closed']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

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

export const DocumentSummary = z.object({
  id: EntityId,
  agendaItemId: EntityId,
  title: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  pageCount: z.number().int().positive(),
  sha256: z.string(),
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
