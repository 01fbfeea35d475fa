import { AttendanceRecord, type AttendanceCorrection, type CheckIn } from '#protocol/attendance.ts';
import { apiFetch, apiRequest } from '../api/http.ts';

/*
 * Attendance requests. The server records them and publishes the new
 * status and quorum in the live document; the screen waits for that.
 */

/** POST /api/meetings/:meetingId/attendance/check-in: the signed-in delegate or chair says where they are. */
export async function checkIn(meetingId: string, token: string, request: CheckIn): Promise<void> {
  await apiFetch(`/api/meetings/${meetingId}/attendance/check-in`, { token, method: 'POST', body: request });
}

/** PUT /api/meetings/:meetingId/attendance/:accountId (secretary): an audited correction. */
export async function correctAttendance(meetingId: string, accountId: string, token: string, correction: AttendanceCorrection): Promise<void> {
  await apiFetch(`/api/meetings/${meetingId}/attendance/${accountId}`, { token, method: 'PUT', body: correction });
}

/** GET /api/meetings/:meetingId/attendance: everyone who counts, with reasons and who recorded them. */
export function loadAttendance(meetingId: string, token: string): Promise<AttendanceRecord> {
  return apiRequest(AttendanceRecord, `/api/meetings/${meetingId}/attendance`, { token });
}
