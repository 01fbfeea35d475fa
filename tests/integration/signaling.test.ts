import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoMeetingId, login } from '../support/api.ts';
import { upgradeStatus } from '../support/collab-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { RawSignalClient } from '../support/signal-client.ts';

let server: ServerProcess;
let meetingId: string;
let delegateToken: string;

beforeAll(async () => {
  server = await startServerProcess();
  delegateToken = (await login(server.url, 'daibieu1')).token;
  meetingId = await demoMeetingId(server.url, delegateToken);
});
afterAll(() => server.stop());

function errorOf(message: unknown): { code: string; message: string } | undefined {
  const response = message as { ok?: boolean; error?: { code: string; message: string } };
  return response.ok === false ? response.error : undefined;
}

describe('signaling endpoint', () => {
  it('refuses the upgrade with 401 without a valid token', async () => {
    expect(await upgradeStatus(`${server.url.replace(/^http/, 'ws')}/signal`)).toBe(401);
  });

  it('answers malformed, unknown and invalid messages with errors and keeps the socket and server up', async () => {
    const client = await RawSignalClient.open(server.url, delegateToken);
    expect(errorOf(await client.send('{not json', null))?.code).toBe('bad_request');
    expect(errorOf(await client.send(JSON.stringify({ hello: 'world' }), null))?.code).toBe('bad_request');
    expect(errorOf(await client.request(1, 'launchMissiles', {}))?.code).toBe('unknown_method');
    expect(errorOf(await client.request(2, '__proto__', {}))?.code).toBe('unknown_method');
    expect(errorOf(await client.request(3, 'join', { meetingId: 42 }))?.message).toMatch(/meetingId/);
    expect(errorOf(await client.request(4, 'createWebRtcTransport', { direction: 'send' }))?.code).toBe('conflict');
    expect(errorOf(await client.request(5, 'join', { meetingId, padding: 'x'.repeat(70_000) }))?.code).toBe('payload_too_large');
    expect(errorOf(await client.request(6, 'join', { meetingId: 'not-my-meeting' }))?.code).toBe('forbidden');
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    const joined = await client.request(7, 'join', { meetingId });
    expect(joined).toMatchObject({ ok: true });
    client.close();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('creates real WebRTC transports on the meeting’s router', async () => {
    const client = await RawSignalClient.open(server.url, delegateToken);
    const joined = (await client.request(1, 'join', { meetingId })) as { ok: true; data: { routerRtpCapabilities: { codecs: { mimeType: string }[] } } };
    const mimeTypes = joined.data.routerRtpCapabilities.codecs.map((codec) => codec.mimeType);
    expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));
    const transport = (await client.request(2, 'createWebRtcTransport', { direction: 'recv' })) as {
      ok: true;
      data: { iceCandidates: { ip: string; port: number }[]; dtlsParameters: { fingerprints: unknown[] } };
    };
    expect(transport.ok).toBe(true);
    expect(transport.data.iceCandidates[0]?.ip).toBe('127.0.0.1');
    expect(transport.data.iceCandidates[0]?.port).toBeGreaterThan(0);
    expect(transport.data.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    expect(errorOf(await client.request(3, 'join', { meetingId }))?.code).toBe('conflict');
    client.close();
  });

  it('tells the others when someone joins and leaves', async () => {
    const first = await RawSignalClient.open(server.url, delegateToken);
    await first.request(1, 'join', { meetingId });
    const second = await RawSignalClient.open(server.url, (await login(server.url, 'daibieu2')).token);
    await second.request(1, 'join', { meetingId });
    const joinedNote = await first.next((message) => message.type === 'notification' && message.method === 'peerJoined');
    expect(joinedNote).toMatchObject({ data: { displayName: 'Phạm Thị Lan' } });
    second.close();
    await first.next((message) => message.type === 'notification' && message.method === 'peerLeft');
    first.close();
  });
});
