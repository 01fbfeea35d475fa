import { expect } from 'vitest';
import type { LoginResponse } from '#protocol/auth.ts';
import { apiRequest, login } from './api.ts';

/** Demo users signed in through the real REST login, and requests made as them. */
export interface SignedIn {
  /** Signs these users in (in parallel) and keeps their sessions; may be called again later to add more. */
  signIn(...usernames: string[]): Promise<void>;
  /** The login response of a user signed in earlier; throws if they were not. */
  session(username: string): LoginResponse;
  /** The bearer token of a signed-in user. */
  token(username: string): string;
  /** The account id of a signed-in user. */
  userId(username: string): string;
  /** A request to the REST API as a signed-in user, with an optional JSON body; returns the raw response. */
  request(username: string, method: string, path: string, body?: unknown): Promise<Response>;
}

/**
 * Sessions of the people a test file acts as, against the server whose URL
 * `baseUrl` returns.
 *
 * The URL is read at each call rather than once: the server is only started in
 * `beforeAll`, and a restart may move it. Tokens survive restarts because the
 * node key lives in DATA_DIR, so sessions are kept as they are.
 *
 * The members are plain functions, so they can be destructured:
 * `const { token, request: as } = signedIn(() => server.url);`
 */
export function signedIn(baseUrl: () => string): SignedIn {
  const sessions = new Map<string, LoginResponse>();

  async function signIn(...usernames: string[]): Promise<void> {
    const logins = await Promise.all(usernames.map(async (username) => [username, await login(baseUrl(), username)] as const));
    for (const [username, value] of logins) sessions.set(username, value);
  }
  function session(username: string): LoginResponse {
    const value = sessions.get(username);
    if (!value) throw new Error(`not signed in: ${username}`);
    return value;
  }
  const token = (username: string) => session(username).token;
  const userId = (username: string) => session(username).user.id;
  const request = (username: string, method: string, path: string, body?: unknown) =>
    apiRequest(baseUrl(), token(username), method, path, body);

  return { signIn, session, token, userId, request };
}

/** The response body (parsed JSON, or undefined when empty), after checking the status; the body text labels a mismatch. */
export async function expectStatus(response: Response, status: number): Promise<unknown> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return text ? JSON.parse(text) : undefined;
}

/** The response body as `schema` describes it, after checking the status. */
export async function expectBody<T>(schema: { parse(value: unknown): T }, request: Promise<Response>, status = 200): Promise<T> {
  return schema.parse(await expectStatus(await request, status));
}
