import type { Kysely } from 'kysely';
import type { AttendanceCorrection, AttendanceEntry, CheckIn } from '#protocol/attendance.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/tokens.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';
import { publishAttendance } from './publication.ts';
import { ATTENDING_ROLES, attendanceEntryOf } from './queries.ts';

// Server commands on attendance (điểm danh). Each writes the store and its
// audit entry in one transaction, then publishes the quorum. Callers have
// already checked the caller's standing in the meeting.

/** What an attendance command needs from the server. */
export interface AttendanceDeps {
  db: Kysely<Database>;
  hub: CollabHub;
  audit: AuditLog;
}

async function entryOrThrow(db: Kysely<Database>, meetingId: string, accountId: string): Promise<AttendanceEntry> {
  const entry = await attendanceEntryOf(db, meetingId, accountId);
  if (!entry) throw new HttpError(404, 'not_found', 'that account is not a delegate or the chair of this meeting');
  return entry;
}

/**
 * A delegate (or the chair) checks themself in, in the hall or remotely.
 * Checking in again with the same status changes nothing; a new status (e.g.
 * from the hall to remote, or present after being recorded absent) is recorded and audited.
 */
export async function checkIn(deps: AttendanceDeps, meetingId: string, delegate: Principal, presence: CheckIn): Promise<AttendanceEntry> {
  const { db, hub, audit } = deps;
  const changed = await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('attendance')
      .select('status')
      .where('meeting_id', '=', meetingId)
      .where('account_id', '=', delegate.userId)
      .executeTakeFirst();
    if (current?.status === presence.status) return false;
    const row = { status: presence.status, reason: null, updated_by: delegate.userId, updated_at: new Date().toISOString() };
    await trx
      .insertInto('attendance')
      .values({ meeting_id: meetingId, account_id: delegate.userId, ...row })
      .onConflict((conflict) => conflict.columns(['meeting_id', 'account_id']).doUpdateSet(row))
      .execute();
    await audit.append(trx, {
      actorId: delegate.userId,
      meetingId,
      action: 'attendance.checked_in',
      details: { accountId: delegate.userId, from: current?.status ?? null, to: presence.status },
    });
    return true;
  });
  if (changed) await publishAttendance(db, hub, meetingId);
  return entryOrThrow(db, meetingId, delegate.userId);
}

/**
 * A secretary records or corrects one delegate's attendance (absent with a
 * reason, or present after all). Always recorded and audited with the old
 * and the new status and the reason, even when the status stays the same.
 */
export async function correctAttendance(
  deps: AttendanceDeps,
  meetingId: string,
  secretary: Principal,
  accountId: string,
  correction: AttendanceCorrection,
): Promise<AttendanceEntry> {
  const { db, hub, audit } = deps;
  await db.transaction().execute(async (trx) => {
    const attends = await trx
      .selectFrom('meeting_participants')
      .select('role')
      .where('meeting_id', '=', meetingId)
      .where('account_id', '=', accountId)
      .where('role', 'in', ATTENDING_ROLES)
      .executeTakeFirst();
    if (!attends) throw new HttpError(404, 'not_found', 'that account is not a delegate or the chair of this meeting');
    const current = await trx
      .selectFrom('attendance')
      .select(['status', 'reason'])
      .where('meeting_id', '=', meetingId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    const row = { status: correction.status, reason: correction.reason, updated_by: secretary.userId, updated_at: new Date().toISOString() };
    await trx
      .insertInto('attendance')
      .values({ meeting_id: meetingId, account_id: accountId, ...row })
      .onConflict((conflict) => conflict.columns(['meeting_id', 'account_id']).doUpdateSet(row))
      .execute();
    await audit.append(trx, {
      actorId: secretary.userId,
      meetingId,
      action: 'attendance.corrected',
      details: { accountId, from: current?.status ?? null, to: correction.status, reason: correction.reason },
    });
  });
  await publishAttendance(db, hub, meetingId);
  return entryOrThrow(db, meetingId, accountId);
}
