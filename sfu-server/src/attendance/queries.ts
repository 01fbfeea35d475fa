import type { Kysely } from 'kysely';
import type { AttendanceEntry, AttendanceRecord, AttendanceStatus } from '#protocol/attendance.ts';
import type { Quorum } from '#protocol/collab/live.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import { sessionSettingsOf } from '../session-settings/queries.ts';
import type { Database } from '../store/schema.ts';

/** Meeting roles whose attendance is taken and counted for quorum: the delegates and the chair (a delegate too). */
export const ATTENDING_ROLES: readonly MeetingRole[] = ['chair', 'delegate'];

/** Statuses that count as present, in the hall or remotely. */
export const PRESENT_STATUSES: readonly AttendanceStatus[] = ['present_hall', 'present_remote'];

const byName = new Intl.Collator('vi').compare;

/** Every delegate and the chair of a meeting with their attendance, if recorded. */
async function attendingRows(db: Kysely<Database>, meetingId: string) {
  return db
    .selectFrom('meeting_participants')
    .innerJoin('accounts', 'accounts.id', 'meeting_participants.account_id')
    .leftJoin('attendance', (join) =>
      join.onRef('attendance.meeting_id', '=', 'meeting_participants.meeting_id').onRef('attendance.account_id', '=', 'accounts.id'),
    )
    .leftJoin('accounts as recorder', 'recorder.id', 'attendance.updated_by')
    .select([
      'accounts.id as accountId',
      'accounts.display_name as name',
      'meeting_participants.role',
      'attendance.status',
      'attendance.reason',
      'attendance.updated_at as updatedAt',
      'recorder.display_name as updatedBy',
    ])
    .where('meeting_participants.meeting_id', '=', meetingId)
    .where('meeting_participants.role', 'in', ATTENDING_ROLES)
    .execute();
}

/** The attendance list: the chair first, then the delegates by name; `status` is null until recorded. */
export async function attendanceRecord(db: Kysely<Database>, meetingId: string): Promise<AttendanceRecord> {
  const rows = await attendingRows(db, meetingId);
  const rank = (role: MeetingRole) => ATTENDING_ROLES.indexOf(role);
  return {
    entries: rows
      .sort((a, b) => rank(a.role) - rank(b.role) || byName(a.name, b.name))
      .map(({ role: _role, ...entry }) => entry),
  };
}

/** One delegate's (or the chair's) entry, or null when the account does not attend this meeting as one. */
export async function attendanceEntryOf(db: Kysely<Database>, meetingId: string, accountId: string): Promise<AttendanceEntry | null> {
  const { entries } = await attendanceRecord(db, meetingId);
  return entries.find((entry) => entry.accountId === accountId) ?? null;
}

/**
 * How many delegates (the chair included) of a meeting are present, in the
 * hall or remotely. Vote rules whose base is "present delegates" count with this.
 */
export async function countPresentDelegates(db: Kysely<Database>, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('attendance')
    .innerJoin('meeting_participants', (join) =>
      join
        .onRef('meeting_participants.meeting_id', '=', 'attendance.meeting_id')
        .onRef('meeting_participants.account_id', '=', 'attendance.account_id'),
    )
    .select((eb) => eb.fn.countAll<number>().as('present'))
    .where('attendance.meeting_id', '=', meetingId)
    .where('meeting_participants.role', 'in', ATTENDING_ROLES)
    .where('attendance.status', 'in', PRESENT_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.present);
}

/**
 * The smallest number of delegates that is at least `numerator/denominator`
 * of `total` (rounded up, in integers so no float rounding decides a quorum).
 */
export function requiredForQuorum(total: number, fraction: { numerator: number; denominator: number }): number {
  return Math.floor((total * fraction.numerator + fraction.denominator - 1) / fraction.denominator);
}

/** How many delegates (the chair included) a meeting has: the base of its quorum. */
export async function countDelegates(db: Kysely<Database>, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('meeting_participants')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('meeting_id', '=', meetingId)
    .where('role', 'in', ATTENDING_ROLES)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Present delegates against the number the meeting's quorum setting requires. */
export async function quorumOf(db: Kysely<Database>, meetingId: string): Promise<Quorum> {
  const [total, present, settings] = await Promise.all([
    countDelegates(db, meetingId),
    countPresentDelegates(db, meetingId),
    sessionSettingsOf(db, meetingId),
  ]);
  const required = requiredForQuorum(total, settings.quorum);
  // A meeting without delegates has nobody to decide anything: no quorum.
  return { present, total, required, reached: total > 0 && present >= required };
}
