import { SessionSettings, type FloorGrant, type FloorOrder, type FloorRequestDraft } from '#protocol/floor.ts';
import { apiFetch, apiRequest } from '../api/http.ts';

/*
 * Requests about the floor. The server decides who speaks and publishes the
 * floor in the live document; the screen shows that, not its own guess.
 */

/** POST /api/meetings/:meetingId/floor/requests: ask to speak (delegate, chair or site). */
export async function requestFloor(meetingId: string, token: string, draft: FloorRequestDraft): Promise<void> {
  await apiFetch(`/api/meetings/${meetingId}/floor/requests`, { token, method: 'POST', body: draft });
}

/** POST /api/floor-requests/:requestId/withdraw: the requester changes their mind. */
export async function withdrawFloorRequest(requestId: string, token: string): Promise<void> {
  await apiFetch(`/api/floor-requests/${requestId}/withdraw`, { token, method: 'POST' });
}

/** PUT /api/meetings/:meetingId/floor/order (chair): the waiting requests in their new order. */
export async function reorderFloorQueue(meetingId: string, token: string, order: FloorOrder): Promise<void> {
  await apiFetch(`/api/meetings/${meetingId}/floor/order`, { token, method: 'PUT', body: order });
}

/** POST /api/floor-requests/:requestId/grant (chair): this request speaks now. */
export async function grantFloor(requestId: string, token: string, grant: FloorGrant = {}): Promise<void> {
  await apiFetch(`/api/floor-requests/${requestId}/grant`, { token, method: 'POST', body: grant });
}

/** POST /api/meetings/:meetingId/floor/end (chair): the current speaker's turn is over. */
export async function endFloor(meetingId: string, token: string): Promise<void> {
  await apiFetch(`/api/meetings/${meetingId}/floor/end`, { token, method: 'POST' });
}

/** GET /api/meetings/:meetingId/settings (chair or secretary). */
export function loadSessionSettings(meetingId: string, token: string): Promise<SessionSettings> {
  return apiRequest(SessionSettings, `/api/meetings/${meetingId}/settings`, { token });
}

/** PATCH /api/meetings/:meetingId/settings (chair or secretary): only the fields given change. */
export async function updateSessionSettings(meetingId: string, token: string, settings: SessionSettings): Promise<void> {
  await apiFetch(`/api/meetings/${meetingId}/settings`, { token, method: 'PATCH', body: settings });
}
