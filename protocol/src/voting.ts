import { z } from 'zod';
import { EntityId } from './ids.ts';

/** The default options of a council vote, in this order. */
export const DEFAULT_POLL_OPTIONS = ['Tán thành', 'Không tán thành', 'Không biểu quyết'] as const;

/** Named: who chose what is published. Secret (bỏ phiếu kín): voters and choices cannot be linked. */
export const PollMode = z.enum(['named', 'secret']);
export type PollMode = z.infer<typeof PollMode>;

/**
 * What a pass is measured against:
 * - all_delegates: every delegate of the meeting (HĐND practice, the default)
 * - present_delegates: delegates checked in when the poll closes
 * - votes_cast: ballots returned
 */
export const PollBase = z.enum(['all_delegates', 'present_delegates', 'votes_cast']);
export type PollBase = z.infer<typeof PollBase>;

/**
 * "more than 1/2" is { comparison: 'more_than', numerator: 1, denominator: 2 };
 * "at least 2/3" is { comparison: 'at_least', numerator: 2, denominator: 3 }.
 * A poll passes when the count of option `passOption` meets the fraction of the base.
 */
export const PollRule = z.strictObject({
  comparison: z.enum(['more_than', 'at_least']),
  numerator: z.number().int().min(1).max(1000),
  denominator: z.number().int().min(1).max(1000),
  base: PollBase,
}).refine((rule) => rule.numerator <= rule.denominator, 'the fraction must not exceed 1');
export type PollRule = z.infer<typeof PollRule>;

export const DEFAULT_POLL_RULE: PollRule = { comparison: 'more_than', numerator: 1, denominator: 2, base: 'all_delegates' };

export const PollStatus = z.enum(['draft', 'open', 'closed', 'cancelled']);
export type PollStatus = z.infer<typeof PollStatus>;

/** POST /api/meetings/:meetingId/polls (chair or secretary). */
export const PollDraft = z.strictObject({
  agendaItemId: EntityId.nullable(),
  title: z.string().trim().min(1).max(500),
  options: z.array(z.string().trim().min(1).max(200)).min(2).max(20).default([...DEFAULT_POLL_OPTIONS]),
  /** The option whose count decides the outcome; null for a poll without pass/fail (e.g. a choice between candidates). */
  passOption: z.number().int().min(0).max(19).nullable().default(0),
  mode: PollMode.default('named'),
  rule: PollRule.default(DEFAULT_POLL_RULE),
  /** Automatic close after this many seconds from opening; null = the chair closes it. */
  durationSeconds: z.number().int().min(10).max(24 * 3600).nullable().default(null),
  /** Only for named polls: a delegate may change their ballot until the poll closes. */
  allowChange: z.boolean().default(false),
  /** Only for named polls: show running counts while open. Secret polls never do. */
  showLiveResults: z.boolean().default(false),
});
export type PollDraft = z.input<typeof PollDraft>;

/** POST /api/polls/:pollId/cancel and /rerun (chair): the reason is recorded in the audit log and the minutes. */
export const PollReason = z.strictObject({ reason: z.string().trim().min(3).max(1000) });
export type PollReason = z.infer<typeof PollReason>;

/** POST /api/polls/:pollId/ballots (a delegate of the meeting). */
export const BallotRequest = z.strictObject({ option: z.number().int().min(0).max(19) });
export type BallotRequest = z.infer<typeof BallotRequest>;

export const BallotReceipt = z.object({
  pollId: EntityId,
  /** Secret polls: a random code the voter finds in the published list with their choice. */
  receipt: z.string().nullable(),
  changed: z.boolean(),
});
export type BallotReceipt = z.infer<typeof BallotReceipt>;

export const OptionTally = z.object({
  option: z.number().int(),
  label: z.string(),
  count: z.number().int().nonnegative(),
  /** Share of the rule's base, in percent (two decimals). */
  percentOfBase: z.number(),
});

/** The paper-ballot report of a secret poll (biên bản kiểm phiếu). */
export const PaperReport = z.object({
  issued: z.number().int().nonnegative(),
  returned: z.number().int().nonnegative(),
  valid: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
});

/** The final result, as signed by the server. Field order is fixed by `canonicalJson`. */
export const PollResult = z.object({
  pollId: EntityId,
  meetingId: EntityId,
  title: z.string(),
  mode: PollMode,
  rule: PollRule,
  passOption: z.number().int().nullable(),
  openedAt: z.string(),
  closedAt: z.string(),
  eligible: z.number().int().nonnegative(),
  present: z.number().int().nonnegative(),
  cast: z.number().int().nonnegative(),
  base: z.number().int().nonnegative(),
  /** Count needed to pass (null without pass/fail). */
  required: z.number().int().nullable(),
  tallies: z.array(OptionTally),
  passed: z.boolean().nullable(),
  /** Named polls: who chose what, by name. */
  namedChoices: z.array(z.object({ voterId: EntityId, name: z.string(), option: z.number().int() })).nullable(),
  /** Secret polls: every receipt with its choice, sorted by receipt. */
  receipts: z.array(z.object({ receipt: z.string(), option: z.number().int() })).nullable(),
  paperReport: PaperReport.nullable(),
  /** Hash of the audit log entry that recorded the close. */
  auditHash: z.string(),
});
export type PollResult = z.infer<typeof PollResult>;

/**
 * What the live document carries at close: the result without the lists of
 * who chose what and of receipts. Those grow with the council; thousands of
 * screens receive the outcome at the same moment over hall Wi-Fi, and fetch
 * the full signed result (GET /api/polls/:pollId/result) afterwards.
 */
export const PollOutcome = PollResult.omit({ namedChoices: true, receipts: true });
export type PollOutcome = z.infer<typeof PollOutcome>;

/** The outcome part of a full result. */
export function outcomeOf(result: PollResult): PollOutcome {
  const { namedChoices: _names, receipts: _receipts, ...outcome } = result;
  return outcome;
}

/** GET /api/polls/:pollId/result: the result with its Ed25519 signature (base64) over canonicalJson(result). */
export const SignedPollResult = z.object({
  result: PollResult,
  signature: z.string(),
  /** The server's public key (SPKI PEM) that verifies it; also at GET /api/server-key. */
  publicKey: z.string(),
});
export type SignedPollResult = z.infer<typeof SignedPollResult>;

export const PollSummary = z.object({
  id: EntityId,
  meetingId: EntityId,
  agendaItemId: EntityId.nullable(),
  title: z.string(),
  options: z.array(z.string()),
  passOption: z.number().int().nullable(),
  mode: PollMode,
  rule: PollRule,
  durationSeconds: z.number().int().nullable(),
  allowChange: z.boolean(),
  showLiveResults: z.boolean(),
  status: PollStatus,
  openedAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Set on a rerun: the poll it repeats. */
  rerunOf: EntityId.nullable(),
  cancelReason: z.string().nullable(),
});
export type PollSummary = z.infer<typeof PollSummary>;

export const PollList = z.object({ polls: z.array(PollSummary) });
export type PollList = z.infer<typeof PollList>;

/**
 * JSON with object keys sorted at every level and no spaces: the exact bytes
 * that are signed and hashed, reproducible by any verifier.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
