import type { User } from '#protocol/auth.ts';
import {
  AccountList,
  MeetingDetail,
  ParticipantList,
  UnitList,
  type AgendaItemDraft,
  type AgendaItemUpdate,
  type MeetingDraft,
  type MeetingRole,
  type MeetingStatus,
  type MeetingUpdate,
  type Unit,
} from '#protocol/meetings.ts';
import { apiRequest } from '../api/http.ts';

/*
 * Requests a secretary makes while preparing a session. The server checks
 * permissions and answers with the new state, which replaces ours: the
 * screen never guesses what a command did.
 */

/** POST /api/meetings: a new draft meeting with the caller as its secretary. */
export function createMeeting(token: string, draft: MeetingDraft): Promise<MeetingDetail> {
  return apiRequest(MeetingDetail, '/api/meetings', { token, method: 'POST', body: draft });
}

/** GET /api/meetings/:meetingId */
export function loadMeeting(token: string, meetingId: string): Promise<MeetingDetail> {
  return apiRequest(MeetingDetail, `/api/meetings/${meetingId}`, { token });
}

/** PATCH /api/meetings/:meetingId */
export function updateMeeting(token: string, meetingId: string, update: MeetingUpdate): Promise<MeetingDetail> {
  return apiRequest(MeetingDetail, `/api/meetings/${meetingId}`, { token, method: 'PATCH', body: update });
}

/** POST /api/meetings/:meetingId/status: one step of MEETING_TRANSITIONS. */
export function changeMeetingStatus(token: string, meetingId: string, status: MeetingStatus): Promise<MeetingDetail> {
  return apiRequest(MeetingDetail, `/api/meetings/${meetingId}/status`, { token, method: 'POST', body: { status } });
}

/** POST /api/meetings/:meetingId/agenda: appended at the end. */
export function addAgendaItem(token: string, meetingId: string, draft: AgendaItemDraft): Promise<MeetingDetail> {
  return apiRequest(MeetingDetail, `/api/meetings/${meetingId}/agenda`, { token, method: 'POST', body: draft });
}

/** PATCH /api/agenda-items/:itemId */
export function updateAgendaItem(token: string, itemId: string, update: AgendaItemUpdate): Promise<MeetingDetail> {
  return apiRequest(MeetingDetail, `/api/agenda-items/${itemId}`, { token, method: 'PATCH', body: update });
}

/** DELETE /api/agenda-items/:itemId */
export function deleteAgendaItem(token: string, itemId: string): Promise<MeetingDetail> {
  return apiRequest(MeetingDetail, `/api/agenda-items/${itemId}`, { token, method: 'DELETE' });
}

/** PUT /api/meetings/:meetingId/agenda/order: every item id, in the new order. */
export function reorderAgenda(token: string, meetingId: string, itemIds: string[]): Promise<MeetingDetail> {
  return apiRequest(MeetingDetail, `/api/meetings/${meetingId}/agenda/order`, { token, method: 'PUT', body: { itemIds } });
}

/** GET /api/meetings/:meetingId/participants */
export function loadParticipants(token: string, meetingId: string): Promise<ParticipantList> {
  return apiRequest(ParticipantList, `/api/meetings/${meetingId}/participants`, { token });
}

/** PUT /api/meetings/:meetingId/participants: invites someone, or changes their role. */
export function setParticipant(token: string, meetingId: string, accountId: string, role: MeetingRole): Promise<ParticipantList> {
  return apiRequest(ParticipantList, `/api/meetings/${meetingId}/participants`, { token, method: 'PUT', body: { accountId, role } });
}

/** DELETE /api/meetings/:meetingId/participants/:accountId */
export function removeParticipant(token: string, meetingId: string, accountId: string): Promise<ParticipantList> {
  return apiRequest(ParticipantList, `/api/meetings/${meetingId}/participants/${accountId}`, { token, method: 'DELETE' });
}

/** POST /api/meetings/:meetingId/sites: invites the unit's site accounts. */
export function inviteSite(token: string, meetingId: string, unitId: string): Promise<ParticipantList> {
  return apiRequest(ParticipantList, `/api/meetings/${meetingId}/sites`, { token, method: 'POST', body: { unitId } });
}

/** DELETE /api/meetings/:meetingId/sites/:unitId */
export function uninviteSite(token: string, meetingId: string, unitId: string): Promise<ParticipantList> {
  return apiRequest(ParticipantList, `/api/meetings/${meetingId}/sites/${unitId}`, { token, method: 'DELETE' });
}

/** GET /api/units: the unit tree, parents before children. */
export async function loadUnits(token: string): Promise<Unit[]> {
  return (await apiRequest(UnitList, '/api/units', { token })).units;
}

/** GET /api/accounts: everyone a secretary may invite. */
export async function loadAccounts(token: string): Promise<User[]> {
  return (await apiRequest(AccountList, '/api/accounts', { token })).accounts;
}
