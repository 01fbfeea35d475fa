import { z } from 'zod';
import { EntityId } from './ids.ts';

/** Điểm danh: present in the hall, present remotely (from a site or at home), or absent. */
export const AttendanceStatus = z.enum(['present_hall', 'present_remote', 'absent']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/** POST /api/meetings/:meetingId/attendance/check-in (the delegate themself). */
export const CheckIn = z.strictObject({ status: z.enum(['present_hall', 'present_remote']) });
export type CheckIn = z.infer<typeof CheckIn>;

/** PUT /api/meetings/:meetingId/attendance/:accountId (secretary): a correction, always audited. */
export const AttendanceCorrection = z.strictObject({
  status: AttendanceStatus,
  /** Required for absences (e.g. "vắng có lý do: công tác") and corrections. */
  reason: z.string().trim().min(1).max(500),
});
export type AttendanceCorrection = z.infer<typeof AttendanceCorrection>;

export const AttendanceEntry = z.object({
  accountId: EntityId,
  name: z.string(),
  status: AttendanceStatus.nullable(),
  reason: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Who recorded it: the delegate, or the secretary who corrected it. */
  updatedBy: z.string().nullable(),
});
export type AttendanceEntry = z.infer<typeof AttendanceEntry>;

export const AttendanceRecord = z.object({ entries: z.array(AttendanceEntry) });
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;
