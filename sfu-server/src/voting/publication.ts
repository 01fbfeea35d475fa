import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { LIVE_POLLS, writePoll, type LivePoll } from '#protocol/collab/live.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import type { Database } from '../store/schema.ts';
import { livePollOf } from './queries.ts';

/** Ballots arriving within this window share one live write. */
const COALESCE_MS = 150;

/**
 * Publishes polls into `meeting:<id>:live`, always from the store. Progress
 * while a poll is open ("x of y have voted") is coalesced: a burst of
 * thousands of ballots costs one write per poll every COALESCE_MS, and the
 * last one always follows the last ballot. State changes people must see at
 * once (opened, closed with the result, cancelled) are written at once.
 */
export class LivePollPublisher {
  readonly #db: Kysely<Database>;
  readonly #hub: CollabHub;
  readonly #log: FastifyBaseLogger;
  /** Poll id → the pending coalesced write and the meeting it belongs to. */
  readonly #scheduled = new Map<string, { timer: NodeJS.Timeout; meetingId: string }>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(db: Kysely<Database>, hub: CollabHub, log: FastifyBaseLogger) {
    this.#db = db;
    this.#hub = hub;
    this.#log = log;
  }

  /** Publishes the poll's progress soon; further calls before then add nothing. */
  soon(meetingId: string, pollId: string): void {
    if (this.#scheduled.has(pollId)) return;
    const timer = setTimeout(() => {
      this.#scheduled.delete(pollId);
      void this.now(meetingId, pollId);
    }, COALESCE_MS);
    this.#scheduled.set(pollId, { timer, meetingId });
  }

  /** Publishes the poll's current state now (after any write already queued for the document). Never throws: failures are logged. */
  now(meetingId: string, pollId: string): Promise<void> {
    const scheduled = this.#scheduled.get(pollId);
    if (scheduled) {
      clearTimeout(scheduled.timer);
      this.#scheduled.delete(pollId);
    }
    const write = this.#hub
      .publish(
        formatDocName({ kind: 'live', meetingId }),
        async () => (await livePollOf(this.#db, pollId))?.poll ?? null,
        (doc, poll: LivePoll | null) => {
          // Only a real change is written: every Y.Map set stays in the document's history.
          if (poll && JSON.stringify(doc.getMap(LIVE_POLLS).get(poll.id)) !== JSON.stringify(poll)) writePoll(doc, poll);
        },
      )
      .catch((error: unknown) => this.#log.error({ err: error, pollId }, 'live poll publication failed'));
    this.#inFlight.add(write);
    void write.finally(() => this.#inFlight.delete(write));
    return write;
  }

  /** Writes what is pending and waits for every write under way (server shutdown). */
  async flush(): Promise<void> {
    for (const [pollId, { meetingId }] of [...this.#scheduled]) void this.now(meetingId, pollId);
    await Promise.all([...this.#inFlight]);
  }
}
