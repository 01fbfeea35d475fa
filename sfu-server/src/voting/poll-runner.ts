import type { FastifyBaseLogger } from 'fastify';
import type { BallotReceipt, PollSummary } from '#protocol/voting.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError } from '../http/errors.ts';
import { discardPageHistory } from '../store/database.ts';
import {
  cancelPoll,
  castBallot,
  closePoll,
  createPoll,
  openPoll,
  refuseUnlessStatus,
  rerunPoll,
  type PollDraftValues,
  type VotingStore,
} from './commands.ts';
import { pollRow, pollSummaryOrThrow, timedOpenPolls } from './queries.ts';
import { LivePollPublisher } from './publication.ts';

/**
 * How many of a meeting's delegates are checked in now, for rules whose base
 * is "present delegates". `eligible` (the poll's roll) lets a store without
 * attendance answer "all of them"; the answer is capped at `eligible`.
 */
export type PresentDelegateCount = (meetingId: string, eligible: number) => Promise<number>;

/**
 * Runs the polls of this node: each command, then what follows its commit —
 * the live publication in `meeting:<id>:live` and the timers that close
 * timed polls (re-armed from the store when the server starts).
 */
export class PollRunner {
  readonly #store: VotingStore;
  readonly #countPresent: PresentDelegateCount;
  readonly #live: LivePollPublisher;
  readonly #log: FastifyBaseLogger;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Closes started by timers, awaited on shutdown. */
  readonly #timedCloses = new Set<Promise<void>>();

  constructor(deps: { store: VotingStore; hub: CollabHub; countPresent: PresentDelegateCount; log: FastifyBaseLogger }) {
    this.#store = deps.store;
    this.#countPresent = deps.countPresent;
    this.#live = new LivePollPublisher(deps.store.db, deps.hub, deps.log);
    this.#log = deps.log;
  }

  async create(meetingId: string, draft: PollDraftValues, actorId: string): Promise<PollSummary> {
    const pollId = await createPoll(this.#store, meetingId, draft, actorId);
    this.#log.info({ meetingId, pollId, mode: draft.mode }, 'poll created');
    await this.#live.now(meetingId, pollId);
    return pollSummaryOrThrow(this.#store.db, pollId);
  }

  async open(pollId: string, actorId: string): Promise<PollSummary> {
    const poll = await openPoll(this.#store, pollId, actorId);
    if (poll.closes_at) this.#arm(pollId, poll.closes_at);
    this.#log.info({ meetingId: poll.meeting_id, pollId, eligible: poll.eligible, closesAt: poll.closes_at }, 'poll opened');
    await this.#live.now(poll.meeting_id, pollId);
    return pollSummaryOrThrow(this.#store.db, pollId);
  }

  /** Closes an open poll; `actorId` null when its timer does. */
  async close(pollId: string, actorId: string | null): Promise<PollSummary> {
    const poll = await pollRow(this.#store.db, pollId);
    if (!poll) throw new HttpError(404, 'not_found', 'no such poll');
    refuseUnlessStatus(poll, ['open'], 'closed');
    // Counted before the close's transaction: the count reads the store, which that transaction holds.
    const present = await this.#countPresent(poll.meeting_id, poll.eligible ?? 0);
    const result = await closePoll(this.#store, pollId, actorId, present);
    this.#disarm(pollId);
    this.#log.info({ meetingId: poll.meeting_id, pollId, cast: result.cast, passed: result.passed, automatic: actorId === null }, 'poll closed');
    await this.#afterSecretBallotsSealed(poll.mode);
    await this.#live.now(poll.meeting_id, pollId);
    return pollSummaryOrThrow(this.#store.db, pollId);
  }

  async cancel(pollId: string, reason: string, actorId: string): Promise<PollSummary> {
    await cancelPoll(this.#store, pollId, reason, actorId);
    return this.#afterCancel(pollId);
  }

  /** Cancels the poll and returns the new draft that repeats it. */
  async rerun(pollId: string, reason: string, actorId: string): Promise<PollSummary> {
    const rerunId = await rerunPoll(this.#store, pollId, reason, actorId);
    const cancelled = await this.#afterCancel(pollId);
    await this.#live.now(cancelled.meetingId, rerunId);
    this.#log.info({ meetingId: cancelled.meetingId, pollId, rerunId }, 'poll rerun');
    return pollSummaryOrThrow(this.#store.db, rerunId);
  }

  async #afterCancel(pollId: string): Promise<PollSummary> {
    this.#disarm(pollId);
    const cancelled = await pollSummaryOrThrow(this.#store.db, pollId);
    this.#log.info({ meetingId: cancelled.meetingId, pollId }, 'poll cancelled');
    await this.#afterSecretBallotsSealed(cancelled.mode);
    await this.#live.now(cancelled.meetingId, pollId);
    return cancelled;
  }

  /** One ballot; everyone's "x of y have voted" follows within a moment. Nothing about it is logged here. */
  async cast(meetingId: string, pollId: string, voterId: string, option: number): Promise<BallotReceipt> {
    const receipt = await castBallot(this.#store, pollId, voterId, option);
    this.#live.soon(meetingId, pollId);
    return receipt;
  }

  /** Re-arms the timers of open timed polls; those already past their time close at once. */
  async start(): Promise<void> {
    for (const poll of await timedOpenPolls(this.#store.db)) this.#arm(poll.id, poll.closesAt);
  }

  /** Stops the timers and finishes closes and publications under way. */
  async stop(): Promise<void> {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all([...this.#timedCloses]);
    await this.#live.flush();
  }

  #arm(pollId: string, closesAt: string): void {
    this.#disarm(pollId);
    const delay = Math.max(0, Date.parse(closesAt) - Date.now());
    const timer = setTimeout(() => {
      this.#timers.delete(pollId);
      const closing = this.close(pollId, null).then(
        () => undefined,
        (error: unknown) => {
          // The chair closed or cancelled it first: nothing left to do.
          if (error instanceof HttpError && error.statusCode === 409) return;
          this.#log.error({ err: error, pollId }, 'timed poll close failed');
        },
      );
      this.#timedCloses.add(closing);
      void closing.finally(() => this.#timedCloses.delete(closing));
    }, delay);
    this.#timers.set(pollId, timer);
  }

  #disarm(pollId: string): void {
    clearTimeout(this.#timers.get(pollId));
    this.#timers.delete(pollId);
  }

  /** After a secret poll's choices were rewritten (close, cancel): drop the WAL frames that held them in casting order. */
  async #afterSecretBallotsSealed(mode: PollSummary['mode']): Promise<void> {
    if (mode !== 'secret') return;
    await discardPageHistory(this.#store.db).catch((error: unknown) => this.#log.warn({ err: error }, 'could not truncate the WAL'));
  }
}
