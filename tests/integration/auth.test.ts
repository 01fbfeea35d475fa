import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMeetingId, login } from '../support/api.ts';
import { TEST_PASSWORD, startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ LOGIN_MAX_ATTEMPTS: '4', TOKEN_TTL_MINUTES: '0.05' });
});
afterAll(() => server.stop());

function postLogin(body: string | object, contentType = 'application/json') {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('signing in', () => {
  it('returns a token and the user for the right password', async () => {
    const session = await login(server.url, 'daibieu1');
    expect(session.user).toMatchObject({ username: 'daibieu1', displayName: 'Lê Văn Hùng', role: 'delegate' });
    expect(session.token.length).toBeGreaterThan(20);
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('treats usernames case-insensitively', async () => {
    expect((await login(server.url, 'DaiBieu2')).user.username).toBe('daibieu2');
  });

  it('gives the same generic error for a wrong password and an unknown user', async () => {
    const wrongPassword = await postLogin({ username: 'daibieu3', password: 'sai-mat-khau' });
    const unknownUser = await postLogin({ username: 'khong-ton-tai', password: TEST_PASSWORD });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownUser.json());
  });

  it('rejects malformed and oversized bodies with a clear error, and keeps serving', async () => {
    const notJson = await postLogin('{"username": "daibi');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('bad_request');
    const missingPassword = await postLogin({ username: 'daibieu1' });
    expect(missingPassword.status).toBe(400);
    expect((await missingPassword.json()).error.message).toMatch(/password/);
    const oversized = await postLogin({ username: 'daibieu1', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(oversized.status).toBe(413);
    expect((await oversized.json()).error.code).toBe('payload_too_large');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('rate-limits repeated attempts on one account without locking out others', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await postLogin({ username: 'daibieu4', password: 'doan-mo' })).status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    const blocked = await postLogin({ username: 'daibieu4', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.code).toBe('rate_limited');
    expect((await login(server.url, 'daibieu5')).user.username).toBe('daibieu5');
  });

  it('stores passwords only as scrypt hashes', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(`${server.dataDir}/dien-hong.sqlite`, { readOnly: true });
    const hashes = db.prepare('SELECT password_hash FROM accounts').all() as { password_hash: string }[];
    db.close();
    expect(hashes.length).toBe(13);
    for (const { password_hash } of hashes) {
      expect(password_hash).toMatch(/^scrypt\$/);
      expect(password_hash).not.toContain(TEST_PASSWORD);
    }
  });
});

describe('authenticated API', () => {
  it('lists the caller’s meetings with their ids', async () => {
    const { token } = await login(server.url, 'chutoa');
    const response = await fetch(`${server.url}/api/meetings`, { headers: { authorization: `Bearer ${token}` } });
    const { meetings } = await response.json();
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ body: 'Hội đồng nhân dân tỉnh Quảng Ninh', myRole: 'chair' });
    expect(meetings[0].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses requests without a token, with a forged token and with an expired token', async () => {
    const { token } = await login(server.url, 'daibieu1');
    const tampered = `${token.slice(0, -4)}AAAA`;
    for (const authorization of [undefined, 'Bearer nonsense', `Bearer ${tampered}`]) {
      const response = await fetch(`${server.url}/api/meetings`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
    }
    // TOKEN_TTL_MINUTES=0.05 for this server: tokens live three seconds.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const expired = await fetch(`${server.url}/api/meetings`, { headers: { authorization: `Bearer ${token}` } });
    expect(expired.status).toBe(401);
  });

  it('reports health with the mediasoup worker count and this node’s identity', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toEqual({
      status: 'ok',
      version: expect.any(String),
      workers: 1,
      nodeId: 'main',
      keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      role: 'root',
      linked: true,
    });
  });

  it('serves a meeting’s documents only to its participants', async () => {
    const delegate = await login(server.url, 'daibieu1');
    const meetingId = await demoMeetingId(server.url, delegate.token);
    const detail = await (await fetch(`${server.url}/api/meetings/${meetingId}`, { headers: { authorization: `Bearer ${delegate.token}` } })).json();
    const documentId = detail.agenda[0].documents[0].id;
    const pdf = await fetch(`${server.url}/api/documents/${documentId}/file`, { headers: { authorization: `Bearer ${delegate.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const anonymous = await fetch(`${server.url}/api/documents/${documentId}/file`);
    expect(anonymous.status).toBe(401);
  });
});
