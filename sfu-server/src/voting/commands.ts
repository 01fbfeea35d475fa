import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { BallotReceipt, PollResult } from '#protocol/voting.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { HttpError } from '../http/errors.ts';
import type { NodeKey } from '../identity/node-key.ts';
import { signCanonical } from '../identity/signatures.ts';
import type { Database } from '../store/schema.ts';
import { VOTING_ROLES, draftOf, optionsOf, ruleOf, type PollDraftValues, type PollRow } from './queries.ts';
import { tallyPoll } from './tally.ts';

// Server commands on polls and ballots. Each is one transaction that also
// appends its audit entry, so a change and its record commit together.
// Callers have already checked the caller's meeting role; what depends on
// the poll's own state (open, on the roll, one ballot) is checked here,
// inside the transaction.
//
// Races: on SQLite the one connection runs transactions one at a time. For
// PostgreSQL the ballot and close paths are written to stay correct too: a
// cast ends with a conditional UPDATE of the poll row (`status = 'open'`),
// which waits for, and re-checks after, a concurrent close; a close begins
// by claiming the poll row the same way, which waits for casts in flight, so
// its count (a later statement) sees them.

export interface VotingStore {
  db: Kysely<Database>;
  audit: AuditLog;
  /** Signs final results. */
  key: NodeKey;
}

export type { PollDraftValues };

/** Receipts: easy to read aloud and to copy from a screen (no 0/O, 1/I). 32^10 ≈ 10^15 codes. */
const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECEIPT_LENGTH = 10;

function newReceipt(): string {
  return Array.from({ length: RECEIPT_LENGTH }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('');
}

/** A UNIQUE or PRIMARY KEY violation, on SQLite (node:sqlite) or PostgreSQL. */
function isUniqueViolation(error: unknown): boolean {
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return (code === 'ERR_SQLITE_ERROR' && (errcode === 2067 || errcode === 1555)) || code === '23505';
}

async function currentPoll(trx: Transaction<Database>, pollId: string): Promise<PollRow> {
  const poll = await trx.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst();
  if (!poll) throw new HttpError(404, 'not_found', 'no such poll');
  return poll;
}

/** 409 unless the poll is in one of the `allowed` states, e.g. `the poll is closed; only a draft poll can be opened`. */
export function refuseUnlessStatus(poll: PollRow, allowed: readonly PollRow['status'][], action: string): void {
  if (!allowed.includes(poll.status)) {
    throw new HttpError(409, 'conflict', `the poll is ${poll.status}; only a ${allowed.join(' or ')} poll can be ${action}`);
  }
}

/** Checks a draft beyond its schema: what depends on the combination of fields and on the meeting. */
async function refuseInvalidDraft(db: Kysely<Database>, meetingId: string, draft: PollDraftValues): Promise<void> {
  if (draft.mode === 'secret' && (draft.allowChange || draft.showLiveResults)) {
    throw new HttpError(400, 'bad_request', 'a secret poll can neither allow changing a ballot nor show live results');
  }
  if (draft.passOption !== null && draft.passOption >= draft.options.length) {
    throw new HttpError(400, 'bad_request', `passOption ${draft.passOption} is not one of the ${draft.options.length} options (0–${draft.options.length - 1})`);
  }
  if (new Set(draft.options).size !== draft.options.length) {
    throw new HttpError(400, 'bad_request', 'every option must be different');
  }
  if (draft.agendaItemId !== null) {
    const item = await db
      .selectFrom('agenda_items')
      .select('id')
      .where('id', '=', draft.agendaItemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!item) throw new HttpError(400, 'bad_request', 'agendaItemId is not an agenda item of this meeting');
  }
}

/** A new poll starts as a draft. Returns its id. */
export async function createPoll(store: VotingStore, meetingId: string, draft: PollDraftValues, actorId: string): Promise<string> {
  await refuseInvalidDraft(store.db, meetingId, draft);
  const id = randomUUID();
  await store.db.transaction().execute(async (trx) => {
    await insertDraft(trx, { id, meetingId, draft, actorId, rerunOf: null });
    await store.audit.append(trx, {
      actorId,
      meetingId,
      action: 'poll.created',
      details: { pollId: id, ...draft },
    });
  });
  return id;
}

async function insertDraft(
  trx: Transaction<Database>,
  poll: { id: string; meetingId: string; draft: PollDraftValues; actorId: string; rerunOf: string | null },
): Promise<void> {
  const { draft } = poll;
  await trx
    .insertInto('polls')
    .values({
      id: poll.id,
      meeting_id: poll.meetingId,
      agenda_item_id: draft.agendaItemId,
      title: draft.title,
      options: JSON.stringify(draft.options),
      pass_option: draft.passOption,
      mode: draft.mode,
      rule: JSON.stringify(draft.rule),
      duration_seconds: draft.durationSeconds,
      allow_change: draft.allowChange ? 1 : 0,
      show_live_results: draft.showLiveResults ? 1 : 0,
      status: 'draft',
      eligible: null,
      opened_at: null,
      closes_at: null,
      closed_at: null,
      created_by: poll.actorId,
      created_at: new Date().toISOString(),
      rerun_of: poll.rerunOf,
      cancel_reason: null,
      result: null,
      signature: null,
    })
    .execute();
}

/**
 * Opens a draft poll and fixes its roll: the meeting's delegates and chair
 * at this moment. Polls open only in a published or in-session meeting (the
 * demo session is published: a session may vote before it is formally
 * opened); a draft or closed meeting refuses.
 */
export async function openPoll(store: VotingStore, pollId: string, actorId: string): Promise<PollRow> {
  return store.db.transaction().execute(async (trx) => {
    const poll = await currentPoll(trx, pollId);
    refuseUnlessStatus(poll, ['draft'], 'opened');
    const meeting = await trx.selectFrom('meetings').select('status').where('id', '=', poll.meeting_id).executeTakeFirstOrThrow();
    if (meeting.status !== 'published' && meeting.status !== 'in_session') {
      throw new HttpError(409, 'conflict', `polls open only in a published or in-session meeting; this one is ${meeting.status}`);
    }
    const roll = await trx
      .insertInto('poll_eligible_voters')
      .columns(['poll_id', 'voter_id'])
      .expression(
        trx
          .selectFrom('meeting_participants')
          .select((eb) => [eb.val(pollId).as('poll_id'), 'account_id as voter_id'])
          .where('meeting_id', '=', poll.meeting_id)
          .where('role', 'in', VOTING_ROLES),
      )
      .executeTakeFirst();
    const eligible = Number(roll.numInsertedOrUpdatedRows ?? 0);
    if (eligible === 0) throw new HttpError(409, 'conflict', 'the meeting has no delegates to vote');
    const now = new Date();
    const closesAt = poll.duration_seconds === null ? null : new Date(now.getTime() + poll.duration_seconds * 1000).toISOString();
    const opened = await trx
      .updateTable('polls')
      .set({ status: 'open', opened_at: now.toISOString(), closes_at: closesAt, eligible })
      .where('id', '=', pollId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await store.audit.append(trx, {
      actorId,
      meetingId: poll.meeting_id,
      action: 'poll.opened',
      details: { pollId, eligible, closesAt },
    });
    return opened;
  });
}

/**
 * Records one delegate's ballot. Named polls keep who chose what; with
 * allowChange a second cast replaces the first. Secret polls record that the
 * voter voted and, apart, the choice under a fresh random receipt, which only
 * the voter receives. The one-ballot rule is the store's UNIQUE constraint:
 * of two racing casts, one gets 409.
 */
export async function castBallot(store: VotingStore, pollId: string, voterId: string, option: number): Promise<BallotReceipt> {
  return store.db.transaction().execute(async (trx) => {
    const poll = await currentPoll(trx, pollId);
    const now = new Date().toISOString();
    if (poll.status !== 'open') throw new HttpError(409, 'conflict', `the poll is ${poll.status}, not open for voting`);
    if (poll.closes_at !== null && poll.closes_at <= now) throw new HttpError(409, 'conflict', 'the voting time is over');
    const onRoll = await trx
      .selectFrom('poll_eligible_voters')
      .select('voter_id')
      .where('poll_id', '=', pollId)
      .where('voter_id', '=', voterId)
      .executeTakeFirst();
    if (!onRoll) throw new HttpError(403, 'forbidden', 'only the delegates of the meeting when the poll opened may vote in it');
    const optionCount = optionsOf(poll).length;
    if (option >= optionCount) {
      throw new HttpError(400, 'bad_request', `option ${option} does not exist: this poll has ${optionCount} options (0–${optionCount - 1})`);
    }

    let receipt: string | null = null;
    let previous: number | null = null;
    try {
      if (poll.mode === 'secret') {
        await trx.insertInto('secret_voters').values({ poll_id: pollId, voter_id: voterId }).execute();
        receipt = await insertSecretChoice(trx, pollId, option);
      } else {
        if (poll.allow_change === 1) {
          const existing = await trx
            .selectFrom('named_ballots')
            .select('option')
            .where('poll_id', '=', pollId)
            .where('voter_id', '=', voterId)
            .executeTakeFirst();
          previous = existing?.option ?? null;
        }
        if (previous === null) {
          await trx.insertInto('named_ballots').values({ poll_id: pollId, voter_id: voterId, option, updated_at: now }).execute();
        } else {
          await trx
            .updateTable('named_ballots')
            .set({ option, updated_at: now })
            .where('poll_id', '=', pollId)
            .where('voter_id', '=', voterId)
            .execute();
        }
      }
    } catch (error) {
      if (isUniqueViolation(error)) throw new HttpError(409, 'conflict', 'already voted: this poll takes one ballot per delegate');
      throw error;
    }

    const changed = previous !== null;
    const counted = await trx
      .updateTable('polls')
      .set((eb) => ({ ballots_cast: eb('ballots_cast', '+', changed ? 0 : 1) }))
      .where('id', '=', pollId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(counted.numUpdatedRows) !== 1) throw new HttpError(409, 'conflict', 'the poll closed before the ballot was counted');

    // A secret ballot's entry says only that this voter voted: never the choice, never the receipt.
    await store.audit.append(trx, {
      actorId: voterId,
      meetingId: poll.meeting_id,
      action: changed ? 'ballot.changed' : 'ballot.cast',
      details:
        poll.mode === 'secret' ? { pollId, voterId } : changed ? { pollId, voterId, option, previousOption: previous } : { pollId, voterId, option },
    });
    return { pollId, receipt, changed };
  });
}

/** Stores a secret choice under a receipt no other choice has; returns the receipt. */
async function insertSecretChoice(trx: Transaction<Database>, pollId: string, option: number): Promise<string> {
  // A clash is astronomically rare; drawing again keeps it from ever refusing a ballot.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const receipt = newReceipt();
    const inserted = await trx
      .insertInto('secret_choices')
      .values({ receipt, poll_id: pollId, option })
      .onConflict((conflict) => conflict.column('receipt').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return receipt;
  }
  throw new Error('could not draw an unused receipt');
}

/**
 * Writes a secret poll's choices again, in receipt order, so nothing in the
 * store's pages keeps the order they were cast in (see 003-voting.ts).
 */
async function resealSecretChoices(trx: Transaction<Database>, pollId: string): Promise<void> {
  const choices = await trx.selectFrom('secret_choices').select(['receipt', 'option']).where('poll_id', '=', pollId).orderBy('receipt').execute();
  if (choices.length === 0) return;
  await trx.deleteFrom('secret_choices').where('poll_id', '=', pollId).execute();
  for (let start = 0; start < choices.length; start += 500) {
    const batch = choices.slice(start, start + 500).map(({ receipt, option }) => ({ receipt, poll_id: pollId, option }));
    await trx.insertInto('secret_choices').values(batch).execute();
  }
}

/**
 * Closes an open poll: counts, applies its rule, records the close in the
 * audit log, and signs the result (which names that audit entry's hash).
 * `present` is the number of delegates checked in, counted by the caller
 * just before (it must not query the store inside this transaction).
 * `actorId` null means the poll's timer closed it.
 */
export async function closePoll(store: VotingStore, pollId: string, actorId: string | null, present: number): Promise<PollResult> {
  return store.db.transaction().execute(async (trx) => {
    const poll = await currentPoll(trx, pollId);
    refuseUnlessStatus(poll, ['open'], 'closed');
    const claimed = await trx.updateTable('polls').set({ status: 'closed' }).where('id', '=', pollId).where('status', '=', 'open').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new HttpError(409, 'conflict', 'the poll is no longer open');
    const options = optionsOf(poll);
    const rule = ruleOf(poll);
    const eligible = poll.eligible ?? 0;
    const isValid = (option: number) => Number.isInteger(option) && option >= 0 && option < options.length;
    const counts = options.map(() => 0);

    let namedChoices: PollResult['namedChoices'] = null;
    let receipts: PollResult['receipts'] = null;
    let paperReport: PollResult['paperReport'] = null;
    if (poll.mode === 'named') {
      const ballots = await trx
        .selectFrom('named_ballots')
        .innerJoin('accounts', 'accounts.id', 'named_ballots.voter_id')
        .select(['named_ballots.voter_id as voterId', 'accounts.display_name as name', 'named_ballots.option'])
        .where('named_ballots.poll_id', '=', pollId)
        .execute();
      const byName = new Intl.Collator('vi').compare;
      namedChoices = ballots.filter((ballot) => isValid(ballot.option)).sort((a, b) => byName(a.name, b.name) || (a.voterId < b.voterId ? -1 : 1));
      for (const ballot of namedChoices) counts[ballot.option] = (counts[ballot.option] ?? 0) + 1;
    } else {
      const choices = await trx.selectFrom('secret_choices').select(['receipt', 'option']).where('poll_id', '=', pollId).execute();
      receipts = choices.sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0));
      const valid = receipts.filter((choice) => isValid(choice.option));
      for (const choice of valid) counts[choice.option] = (counts[choice.option] ?? 0) + 1;
      paperReport = { issued: eligible, returned: receipts.length, valid: valid.length, invalid: receipts.length - valid.length };
      await resealSecretChoices(trx, pollId);
    }

    const boundedPresent = Math.max(0, Math.min(present, eligible));
    const tally = tallyPoll({ options, counts, rule, passOption: poll.pass_option, eligible, present: boundedPresent });
    const closedAt = new Date().toISOString();
    const entry = await store.audit.append(trx, {
      actorId,
      meetingId: poll.meeting_id,
      action: 'poll.closed',
      details: {
        pollId,
        automatic: actorId === null,
        eligible,
        present: boundedPresent,
        cast: tally.cast,
        base: tally.base,
        required: tally.required,
        passed: tally.passed,
        counts,
        paperReport,
      },
    });
    const result: PollResult = {
      pollId,
      meetingId: poll.meeting_id,
      title: poll.title,
      mode: poll.mode,
      rule,
      passOption: poll.pass_option,
      openedAt: poll.opened_at ?? closedAt,
      closedAt,
      eligible,
      present: boundedPresent,
      cast: tally.cast,
      base: tally.base,
      required: tally.required,
      tallies: tally.tallies,
      passed: tally.passed,
      namedChoices,
      receipts,
      paperReport,
      auditHash: entry.hash,
    };
    await trx
      .updateTable('polls')
      .set({ closed_at: closedAt, result: JSON.stringify(result), signature: signCanonical(store.key, result) })
      .where('id', '=', pollId)
      .execute();
    return result;
  });
}

/**
 * Cancels a draft or open poll with the chair's reason. Ballots already cast
 * stay in the store but count for nothing: a cancelled poll has no result.
 */
export async function cancelPoll(store: VotingStore, pollId: string, reason: string, actorId: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const poll = await currentPoll(trx, pollId);
    refuseUnlessStatus(poll, ['draft', 'open'], 'cancelled');
    await markCancelled(trx, poll, reason);
    await store.audit.append(trx, {
      actorId,
      meetingId: poll.meeting_id,
      action: 'poll.cancelled',
      details: { pollId, reason, from: poll.status, ballotsDiscarded: poll.ballots_cast },
    });
  });
}

async function markCancelled(trx: Transaction<Database>, poll: PollRow, reason: string): Promise<void> {
  if (poll.mode === 'secret') await resealSecretChoices(trx, poll.id);
  await trx
    .updateTable('polls')
    // A poll that closed keeps its signed result (it was announced); it is marked as superseded.
    .set({ status: 'cancelled', cancel_reason: reason, closed_at: poll.closed_at ?? new Date().toISOString() })
    .where('id', '=', poll.id)
    .execute();
}

/**
 * Biểu quyết lại: cancels an open or closed poll with the chair's reason and
 * creates a fresh draft with the same question and rules. Returns the new
 * poll's id.
 */
export async function rerunPoll(store: VotingStore, pollId: string, reason: string, actorId: string): Promise<string> {
  const rerunId = randomUUID();
  await store.db.transaction().execute(async (trx) => {
    const poll = await currentPoll(trx, pollId);
    refuseUnlessStatus(poll, ['open', 'closed'], 'run again');
    await markCancelled(trx, poll, reason);
    const draft = draftOf(poll);
    await insertDraft(trx, { id: rerunId, meetingId: poll.meeting_id, draft, actorId, rerunOf: pollId });
    await store.audit.append(trx, {
      actorId,
      meetingId: poll.meeting_id,
      action: 'poll.rerun',
      details: { pollId, rerunPollId: rerunId, reason, from: poll.status, ballotsDiscarded: poll.ballots_cast },
    });
    await store.audit.append(trx, {
      actorId,
      meetingId: poll.meeting_id,
      action: 'poll.created',
      details: { pollId: rerunId, rerunOf: pollId, ...draft },
    });
  });
  return rerunId;
}
