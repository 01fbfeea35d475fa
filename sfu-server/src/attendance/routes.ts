import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AttendanceCorrection, CheckIn, type AttendanceEntry, type AttendanceRecord } from '#protocol/attendance.ts';
import { EntityId } from '#protocol/ids.ts';
import { MeetingRole } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { requireMeetingRole } from '../meetings/membership.ts';
import { checkIn, correctAttendance, type AttendanceDeps } from './commands.ts';
import { ATTENDING_ROLES, attendanceRecord } from './queries.ts';

const MeetingParams = z.object({ meetingId: EntityId });
const AccountParams = MeetingParams.extend({ accountId: EntityId });

/**
 * Điểm danh: delegates check themselves in, secretaries record absences and
 * correct entries, every participant reads the list. The quorum follows in
 * `meeting:<id>:live`.
 */
export function registerAttendanceRoutes(
  app: FastifyInstance,
  deps: AttendanceDeps & { requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db } = deps;

  app.get('/api/meetings/:meetingId/attendance', { onRequest: deps.requireLogin }, async (request): Promise<AttendanceRecord> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: MeetingRole.options, changes: false });
    return attendanceRecord(db, meetingId);
  });

  app.post(
    '/api/meetings/:meetingId/attendance/check-in',
    { onRequest: deps.requireLogin },
    async (request): Promise<AttendanceEntry> => {
      const { meetingId } = parseInput(MeetingParams, request.params);
      const body = parseInput(CheckIn, request.body);
      const principal = principalOf(request);
      const { role } = await requireMeetingRole(db, principal, { meetingId, roles: ATTENDING_ROLES, changes: true });
      // An administrator passes the meeting check as a secretary, but only attendees have an attendance to record.
      if (!ATTENDING_ROLES.includes(role)) throw new HttpError(403, 'forbidden', 'only the delegates and the chair check in');
      const entry = await checkIn(deps, meetingId, principal, body);
      request.log.info({ meetingId, status: body.status }, 'checked in');
      return entry;
    },
  );

  app.put(
    '/api/meetings/:meetingId/attendance/:accountId',
    { onRequest: deps.requireLogin },
    async (request): Promise<AttendanceEntry> => {
      const { meetingId, accountId } = parseInput(AccountParams, request.params);
      const correction = parseInput(AttendanceCorrection, request.body);
      const principal = principalOf(request);
      await requireMeetingRole(db, principal, { meetingId, roles: ['secretary'], changes: true });
      const entry = await correctAttendance(deps, meetingId, principal, accountId, correction);
      request.log.info({ meetingId, accountId, status: correction.status }, 'attendance corrected');
      return entry;
    },
  );
}
