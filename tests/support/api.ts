import { LoginResponse } from '#protocol/auth.ts';
import { MeetingList } from '#protocol/meetings.ts';
import { TEST_PASSWORD } from './server-process.ts';

/** Signs in through the real REST API. */
export async function login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<LoginResponse> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
  return LoginResponse.parse(await response.json());
}

/** Id of the demo session (the only meeting of the seeded data). */
export async function demoMeetingId(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/meetings`, { headers: { authorization: `Bearer ${token}` } });
  const [meeting] = MeetingList.parse(await response.json()).meetings;
  if (!meeting) throw new Error('demo meeting missing');
  return meeting.id;
}

/** A request to the REST API as a signed-in user, with an optional JSON body; returns the raw response. */
export function apiRequest(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}
