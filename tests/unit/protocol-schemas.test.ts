import { describe, expect, it } from 'vitest';
import { LoginRequest } from '#protocol/auth.ts';
import { ipcContract } from '#protocol/ipc.ts';
import { SignalRequestEnvelope, SignalServerMessage, isSignalMethod, signalMethods } from '#protocol/signaling.ts';

describe('login request schema', () => {
  it('accepts a username and password, trimming the username', () => {
    expect(LoginRequest.parse({ username: ' daibieu1 ', password: 'x' })).toEqual({ username: 'daibieu1', password: 'x' });
  });

  it('rejects missing fields, unknown fields and oversized values', () => {
    expect(LoginRequest.safeParse({ username: 'a' }).success).toBe(false);
    expect(LoginRequest.safeParse({ username: 'a', password: 'b', admin: true }).success).toBe(false);
    expect(LoginRequest.safeParse({ username: 'a'.repeat(65), password: 'b' }).success).toBe(false);
    expect(LoginRequest.safeParse({ username: 'a', password: 'b'.repeat(257) }).success).toBe(false);
  });
});

describe('signaling schemas', () => {
  it('accept a well-formed request envelope and reject extra keys', () => {
    expect(SignalRequestEnvelope.safeParse({ type: 'request', id: 1, method: 'join', data: {} }).success).toBe(true);
    expect(SignalRequestEnvelope.safeParse({ type: 'request', id: 1, method: 'join', data: {}, x: 1 }).success).toBe(false);
    expect(SignalRequestEnvelope.safeParse({ type: 'request', id: -1, method: 'join', data: {} }).success).toBe(false);
  });

  it('know exactly the documented methods', () => {
    expect(isSignalMethod('produce')).toBe(true);
    expect(isSignalMethod('toString')).toBe(false);
    expect(isSignalMethod('__proto__')).toBe(false);
  });

  it('validate each method’s data', () => {
    expect(signalMethods.join.request.safeParse({ meetingId: 'abc' }).success).toBe(true);
    expect(signalMethods.join.request.safeParse({ meetingId: 'a:b' }).success).toBe(false);
    expect(signalMethods.createWebRtcTransport.request.safeParse({ direction: 'sideways' }).success).toBe(false);
    expect(
      signalMethods.produce.request.safeParse({
        transportId: 't',
        kind: 'video',
        source: 'camera',
        rtpParameters: { codecs: [] },
      }).success,
    ).toBe(false);
    expect(
      signalMethods.connectWebRtcTransport.request.safeParse({
        transportId: 't',
        dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] },
      }).success,
    ).toBe(true);
  });

  it('parse error responses without an id (for unparseable requests)', () => {
    const message = { type: 'response', id: null, ok: false, error: { code: 'bad_request', message: 'not JSON' } };
    expect(SignalServerMessage.parse(message)).toEqual(message);
  });
});

describe('IPC contract', () => {
  it('refuses a session save without a token', () => {
    expect(ipcContract['session:save'].payload.safeParse({ user: {} }).success).toBe(false);
    expect(ipcContract['session:load'].payload.safeParse(undefined).success).toBe(true);
    expect(ipcContract['session:load'].payload.safeParse('anything').success).toBe(false);
  });
});
