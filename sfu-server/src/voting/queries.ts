import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { LivePoll } from '#protocol/collab/live.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import { PollResult, PollRule, outcomeOf, type PollDraft, type PollSummary, type SignedPollResult } from '#protocol/voting.ts';
import { HttpError } from '../http/errors.ts';
import type { NodeKey } from '../identity/node-key.ts';
import { publicKeyPem } from '../identity/signatures.ts';
import type { Database, PollTable } from '../store/schema.ts';

/** Meeting roles that vote: the delegates, and the chair (an HĐND chair is a delegate too). */
export const VOTING_ROLES: readonly MeetingRole[] = ['chair', 'delegate'];

export type PollRow = Selectable<PollTable>;

/** A poll's option labels, as stored (JSON). */
export function optionsOf(poll: PollRow): string[] {
  return JSON.parse(poll.options) as string[];
}

export function ruleOf(poll: PollRow): PollRule {
  return PollRule.parse(JSON.parse(poll.rule));
}

/** A validated POST /api/meetings/:meetingId/polls body, defaults applied. */
export type PollDraftValues = z.output<typeof PollDraft>;

/** The question and rules a poll was created with. */
export function draftOf(poll: PollRow): PollDraftValues {
  return {
    agendaItemId: poll.agenda_item_id,
    title: poll.title,
    options: optionsOf(poll),
    passOption: poll.pass_option,
    mode: poll.mode,
    rule: ruleOf(poll),
    durationSeconds: poll.duration_seconds,
    allowChange: poll.allow_change === 1,
    showLiveResults: poll.show_live_results === 1,
  };
}

export function toPollSummary(poll: PollRow): PollSummary {
  return {
    id: poll.id,
    meetingId: poll.meeting_id,
    ...draftOf(poll),
    status: poll.status,
    openedAt: poll.opened_at,
    closesAt: poll.closes_at,
    closedAt: poll.closed_at,
    rerunOf: poll.rerun_of,
    cancelReason: poll.cancel_reason,
  };
}

export async function pollRow(db: Kysely<Database>, pollId: string): Promise<PollRow | null> {
  return (await db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst()) ?? null;
}

export async function pollSummaryOrThrow(db: Kysely<Database>, pollId: string): Promise<PollSummary> {
  const poll = await pollRow(db, pollId);
  if (!poll) throw new HttpError(404, 'not_found', 'no such poll');
  return toPollSummary(poll);
}

/** The meeting a poll belongs to, or null for an unknown poll. */
export async function meetingOfPoll(db: Kysely<Database>, pollId: string): Promise<string | null> {
  const row = await db.selectFrom('polls').select('meeting_id').where('id', '=', pollId).executeTakeFirst();
  return row?.meeting_id ?? null;
}

/** A meeting's polls, oldest first. */
export async function listPolls(db: Kysely<Database>, meetingId: string): Promise<PollSummary[]> {
  const rows = await db.selectFrom('polls').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toPollSummary);
}

/** Open polls with a closing time: the timers to arm when the server starts. */
export async function timedOpenPolls(db: Kysely<Database>): Promise<{ id: string; closesAt: string }[]> {
  const rows = await db
    .selectFrom('polls')
    .select(['id', 'closes_at'])
    .where('status', '=', 'open')
    .where('closes_at', 'is not', null)
    .execute();
  return rows.flatMap((row) => (row.closes_at ? [{ id: row.id, closesAt: row.closes_at }] : []));
}

/** The signed final result; 404 until the poll has closed (a poll cancelled before closing never has one). */
export async function signedResultOf(db: Kysely<Database>, key: NodeKey, pollId: string): Promise<SignedPollResult> {
  const poll = await pollRow(db, pollId);
  if (!poll) throw new HttpError(404, 'not_found', 'no such poll');
  if (!poll.result || !poll.signature) {
    const why = poll.status === 'cancelled' ? 'the poll was cancelled before it closed' : 'the poll has not closed yet';
    throw new HttpError(404, 'not_found', `no result: ${why}`);
  }
  return { result: PollResult.parse(JSON.parse(poll.result)), signature: poll.signature, publicKey: publicKeyPem(key) };
}

/**
 * A poll as everyone in the meeting sees it in `meeting:<id>:live`. Running
 * counts only for a named poll that shows them; a secret poll publishes
 * nothing but how many have voted until its result.
 */
export async function livePollOf(db: Kysely<Database>, pollId: string): Promise<{ meetingId: string; poll: LivePoll } | null> {
  const poll = await pollRow(db, pollId);
  if (!poll) return null;
  const options = optionsOf(poll);
  let liveCounts: number[] | null = null;
  if (poll.mode === 'named' && poll.show_live_results === 1 && poll.status === 'open') {
    const rows = await db
      .selectFrom('named_ballots')
      .select((eb) => ['option', eb.fn.countAll<number>().as('count')])
      .where('poll_id', '=', pollId)
      .groupBy('option')
      .execute();
    liveCounts = options.map((_, option) => Number(rows.find((row) => row.option === option)?.count ?? 0));
  }
  const result = poll.result ? outcomeOf(PollResult.parse(JSON.parse(poll.result))) : null;
  return {
    meetingId: poll.meeting_id,
    poll: {
      id: poll.id,
      createdAt: poll.created_at,
      agendaItemId: poll.agenda_item_id,
      title: poll.title,
      options,
      mode: poll.mode,
      status: poll.status,
      voted: poll.ballots_cast,
      eligible: poll.eligible ?? (await currentVoterCount(db, poll.meeting_id)),
      closesAt: poll.closes_at,
      liveCounts,
      result,
      cancelReason: poll.cancel_reason,
    },
  };
}

/** Delegates of the meeting now: what a draft poll's roll would be if it opened. */
async function currentVoterCount(db: Kysely<Database>, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('meeting_participants')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('meeting_id', '=', meetingId)
    .where('role', 'in', VOTING_ROLES)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
