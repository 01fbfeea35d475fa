import { ConferenceRoute, type ConferenceSettingsChange } from '#protocol/conference.ts';
import { ApiFailure, apiFetch, apiRequest } from '../api/http.ts';

/*
 * Requests about the conference. The server checks that the caller is the
 * host (the chair or a secretary), changes the conference and publishes it in
 * the live document; the screens show that, not their own guess.
 */

const base = (meetingId: string) => `/api/meetings/${meetingId}/conference`;

/** PUT …/conference/stage (host): who every site shows large, in order (1–4; empty clears). */
export async function putStage(meetingId: string, token: string, userIds: string[]): Promise<void> {
  await apiFetch(`${base(meetingId)}/stage`, { token, method: 'PUT', body: { userIds } });
}

/** PUT …/conference/wall (host): the sites on the thumbnail wall; only they send (their lowest layer). */
export async function putWall(meetingId: string, token: string, userIds: string[]): Promise<void> {
  await apiFetch(`${base(meetingId)}/wall`, { token, method: 'PUT', body: { userIds } });
}

/** POST …/conference/mute (host): one participant's microphone, for everyone. */
export async function muteParticipant(meetingId: string, token: string, userId: string, muted: boolean): Promise<void> {
  await apiFetch(`${base(meetingId)}/mute`, { token, method: 'POST', body: { userId, muted } });
}

/** POST …/conference/mute-all (host): every participant but the host. */
export async function muteEveryone(meetingId: string, token: string): Promise<void> {
  await apiFetch(`${base(meetingId)}/mute-all`, { token, method: 'POST', body: { muted: true } });
}

/** PATCH …/conference/settings (host): lock, follow the speaker, open or close the roll call. */
export async function changeConferenceSettings(meetingId: string, token: string, change: ConferenceSettingsChange): Promise<void> {
  await apiFetch(`${base(meetingId)}/settings`, { token, method: 'PATCH', body: change });
}

/** POST …/conference/remove (host): the participant leaves the conference. */
export async function removeParticipant(meetingId: string, token: string, userId: string): Promise<void> {
  await apiFetch(`${base(meetingId)}/remove`, { token, method: 'POST', body: { userId } });
}

/** POST …/conference/roll-call/confirm (a site, for itself): "kết nối tốt, âm thanh rõ". */
export async function confirmRollCall(meetingId: string, token: string): Promise<void> {
  await apiFetch(`${base(meetingId)}/roll-call/confirm`, { token, method: 'POST' });
}

/**
 * GET …/conference/route: the node this participant's media connects to, and
 * the ticket for `join`. Null where the server has no routing (a single node
 * that predates it): the page's own /signal serves then.
 */
export async function loadConferenceRoute(meetingId: string, token: string): Promise<ConferenceRoute | null> {
  try {
    return await apiRequest(ConferenceRoute, `${base(meetingId)}/route`, { token });
  } catch (error) {
    // A missing meeting is refused again, and explained, by `join` on the page's own node.
    if (error instanceof ApiFailure && error.status === 404) return null;
    throw error;
  }
}
