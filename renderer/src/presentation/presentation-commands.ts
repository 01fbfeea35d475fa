import type { PresentationRequest } from '#protocol/meetings.ts';
import { apiFetch } from '../api/http.ts';

/** Asks the server to show a page to every follower (chair and secretaries only; the server checks). */
export async function presentPage(meetingId: string, token: string, request: PresentationRequest): Promise<void> {
  await apiFetch(`/api/meetings/${meetingId}/presentation`, { token, method: 'PUT', body: request });
}

export async function stopPresenting(meetingId: string, token: string): Promise<void> {
  await apiFetch(`/api/meetings/${meetingId}/presentation`, { token, method: 'DELETE' });
}
