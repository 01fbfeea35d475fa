import type { PollRule } from '#protocol/voting.ts';

export interface TallyInput {
  options: string[];
  /** Count per option index. */
  counts: number[];
  rule: PollRule;
  passOption: number | null;
  /** Delegates entitled to vote in the meeting. */
  eligible: number;
  /** Of those, checked in when the poll closed. */
  present: number;
}

export interface Tally {
  cast: number;
  base: number;
  required: number | null;
  passed: boolean | null;
  tallies: { option: number; label: string; count: number; percentOfBase: number }[];
}

/** Smallest count that satisfies the rule for a base (exact integer arithmetic, no rounding traps). */
export function requiredCount(rule: PollRule, base: number): number {
  const share = rule.numerator * base;
  // more than n/d of base: count·d > n·base; at least n/d: count·d ≥ n·base.
  return rule.comparison === 'more_than' ? Math.floor(share / rule.denominator) + 1 : Math.ceil(share / rule.denominator);
}

/**
 * Counts, percentages of the base and the outcome of a closed poll. With
 * the default rule (more than half of all delegates), 26 of 50 passes and 25
 * does not, however many abstained or were absent.
 */
export function tallyPoll(input: TallyInput): Tally {
  const cast = input.counts.reduce((sum, count) => sum + count, 0);
  const base = input.rule.base === 'all_delegates' ? input.eligible : input.rule.base === 'present_delegates' ? input.present : cast;
  const percent = (count: number) => (base === 0 ? 0 : Math.round((count / base) * 10_000) / 100);
  const tallies = input.options.map((label, option) => {
    const count = input.counts[option] ?? 0;
    return { option, label, count, percentOfBase: percent(count) };
  });
  if (input.passOption === null) return { cast, base, required: null, passed: null, tallies };
  const required = requiredCount(input.rule, base);
  const passed = base > 0 && (input.counts[input.passOption] ?? 0) >= required;
  return { cast, base, required, passed, tallies };
}
