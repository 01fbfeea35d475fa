import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CurrentSpeaker } from '#protocol/collab/live.ts';
import { canonicalJson } from '#protocol/voting.ts';
import { remainingSeconds, speakingPhase } from '../../renderer/src/floor/speaking-time.ts';
import { verifyResultSignature } from '../../renderer/src/voting/result-signature.ts';
import { formatClock } from '../../renderer/src/session/countdown.ts';

function signedBody(result: unknown) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    result,
    signature: sign(null, Buffer.from(canonicalJson(result)), privateKey).toString('base64'),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('checking a signed vote result the way the browser does (WebCrypto Ed25519)', () => {
  const result = { pollId: 'p1', title: 'Thông qua Nghị quyết', tallies: [{ option: 0, label: 'Tán thành', count: 4 }], passed: true };

  it('accepts the server’s signature over the canonical JSON, whatever the key order received', async () => {
    const body = signedBody(result);
    const reordered = { publicKey: body.publicKey, signature: body.signature, result: { passed: true, tallies: result.tallies, title: result.title, pollId: 'p1' } };
    expect(await verifyResultSignature(reordered)).toBe('valid');
  });

  it('rejects a result changed after signing', async () => {
    const body = signedBody(result);
    expect(await verifyResultSignature({ ...body, result: { ...result, passed: false } })).toBe('invalid');
  });

  it('rejects a signature made with another key', async () => {
    const body = signedBody(result);
    expect(await verifyResultSignature({ ...body, publicKey: signedBody(result).publicKey })).toBe('invalid');
  });

  it('rejects a body without a signature', async () => {
    expect(await verifyResultSignature({ result })).toBe('invalid');
  });
});

describe('the speaking-time countdown', () => {
  const speaker: CurrentSpeaker = {
    requestId: 'r1',
    userId: 'u1',
    name: 'Lê Văn Hùng',
    kind: 'question',
    requestedAt: '2026-11-21T08:00:00.000Z',
    startedAt: '2026-11-21T08:00:00.000Z',
    limitSeconds: 180,
    warnBeforeSeconds: 30,
  };
  const at = (secondsIn: number) => Date.parse(speaker.startedAt) + secondsIn * 1000;

  it('counts down from the granted time on the server clock', () => {
    expect(formatClock(remainingSeconds(speaker, at(0)))).toBe('03:00');
    expect(formatClock(remainingSeconds(speaker, at(48)))).toBe('02:12');
  });

  it('turns orange in the warning period, red in its last seconds, and says the time is up after', () => {
    expect(speakingPhase(speaker, remainingSeconds(speaker, at(149)))).toBe('normal');
    expect(speakingPhase(speaker, remainingSeconds(speaker, at(150)))).toBe('warning');
    expect(speakingPhase(speaker, remainingSeconds(speaker, at(170)))).toBe('final');
    expect(speakingPhase(speaker, remainingSeconds(speaker, at(180)))).toBe('over');
  });

  it('shows an hour and more as h:mm:ss', () => {
    expect(formatClock(3725)).toBe('1:02:05');
  });
});
