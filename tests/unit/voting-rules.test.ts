import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_OPTIONS, DEFAULT_POLL_RULE, canonicalJson, type PollRule } from '#protocol/voting.ts';
import { GENESIS_HASH, entryHash, verifyChain, type AuditEntry } from '../../sfu-server/src/audit/chain.ts';
import { requiredCount, tallyPoll } from '../../sfu-server/src/voting/tally.ts';

const options = [...DEFAULT_POLL_OPTIONS];
const twoThirds: PollRule = { comparison: 'at_least', numerator: 2, denominator: 3, base: 'all_delegates' };

describe('pass rules', () => {
  it('pass with more than half of ALL delegates by default, counting absentees against', () => {
    // 50 delegates; 26 in favour passes even though only 30 voted.
    expect(tallyPoll({ options, counts: [26, 3, 1], rule: DEFAULT_POLL_RULE, passOption: 0, eligible: 50, present: 30 })).toMatchObject({
      cast: 30,
      base: 50,
      required: 26,
      passed: true,
    });
    expect(tallyPoll({ options, counts: [25, 0, 0], rule: DEFAULT_POLL_RULE, passOption: 0, eligible: 50, present: 50 }).passed).toBe(false);
  });

  it('compute exact thresholds without rounding traps', () => {
    expect(requiredCount(DEFAULT_POLL_RULE, 51)).toBe(26);
    expect(requiredCount(twoThirds, 50)).toBe(34);
    expect(requiredCount(twoThirds, 51)).toBe(34);
    expect(requiredCount({ ...twoThirds, comparison: 'more_than' }, 51)).toBe(35);
    expect(requiredCount({ comparison: 'at_least', numerator: 3, denominator: 5, base: 'votes_cast' }, 10)).toBe(6);
  });

  it('measure against present delegates or votes cast when chosen', () => {
    const present = { ...DEFAULT_POLL_RULE, base: 'present_delegates' as const };
    expect(tallyPoll({ options, counts: [16, 10, 4], rule: present, passOption: 0, eligible: 50, present: 30 })).toMatchObject({ base: 30, required: 16, passed: true });
    const cast = { ...DEFAULT_POLL_RULE, base: 'votes_cast' as const };
    expect(tallyPoll({ options, counts: [10, 10, 0], rule: cast, passOption: 0, eligible: 50, present: 30 })).toMatchObject({ base: 20, required: 11, passed: false });
  });

  it('give percentages of the base with two decimals', () => {
    const { tallies } = tallyPoll({ options, counts: [34, 15, 1], rule: twoThirds, passOption: 0, eligible: 51, present: 50 });
    expect(tallies.map((tally) => tally.percentOfBase)).toEqual([66.67, 29.41, 1.96]);
    expect(tallies[0]?.label).toBe('Tán thành');
  });

  it('report no outcome for polls without a pass option, and never pass on an empty base', () => {
    expect(tallyPoll({ options: ['A', 'B'], counts: [3, 4], rule: DEFAULT_POLL_RULE, passOption: null, eligible: 7, present: 7 })).toMatchObject({ passed: null, required: null });
    expect(tallyPoll({ options, counts: [0, 0, 0], rule: { ...DEFAULT_POLL_RULE, base: 'votes_cast' }, passOption: 0, eligible: 5, present: 5 }).passed).toBe(false);
  });
});

describe('canonical JSON', () => {
  it('is independent of key order and stable for signing', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'Tán thành' } })).toBe('{"a":{"c":"Tán thành","d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('audit hash chain', () => {
  function chain(length: number): AuditEntry[] {
    const entries: AuditEntry[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= length; seq += 1) {
      const body = { seq, at: `2026-11-21T08:00:0${seq}Z`, actorId: 'chair', meetingId: 'm1', action: 'poll.opened', details: `{"n":${seq}}`, prevHash };
      const hash = entryHash(body);
      entries.push({ ...body, hash });
      prevHash = hash;
    }
    return entries;
  }

  it('verifies an untouched chain and reports its head', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 5, head: entries[4]?.hash });
  });

  it('finds the first changed entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, details: '{"n":999}' };
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'hash_mismatch' });
  });

  it('finds a re-hashed forgery at the next link, and a deleted entry as a gap', () => {
    const forged = chain(5);
    const body = { ...forged[1]!, details: '{"n":"forged"}' };
    forged[1] = { ...body, hash: entryHash(body) };
    expect(verifyChain(forged)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'broken_link' });
    const shortened = chain(5).filter((entry) => entry.seq !== 4);
    expect(verifyChain(shortened)).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'gap' });
  });
});
