import type { FastifyBaseLogger } from 'fastify';
import type * as Y from 'yjs';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { LIVE_SITES, SiteStatus, writeActiveSpeaker, writeShare, writeSite } from '#protocol/conference.ts';
import { boardIdentities, setStage, type ConferenceDeps } from './commands.ts';
import type { MeetingRoom } from './meeting-room.ts';

const liveDoc = (meetingId: string) => formatDocName({ kind: 'live', meetingId });

/**
 * Publishes what the rooms on this node know into `meeting:<id>:live`
 * (server-written): the status board (`sites`: one row per expected site and
 * per connected person), the active speaker and the screen share, and puts
 * the speaker a room asks for on the stage (follow-the-speaker).
 *
 * Board rows are rewritten only when they change; a room announces quality
 * at most every QUALITY_PUBLISH_MS. A room that closes leaves its rows
 * disconnected (host mutes and roll-call confirmations are kept).
 */
export class ConferencePublication {
  readonly #deps: ConferenceDeps;
  readonly #nodeId: string;
  readonly #log: FastifyBaseLogger;
  readonly #pending = new Set<Promise<unknown>>();
  readonly #boards = new Map<MeetingRoom, { again: boolean }>();

  constructor(deps: ConferenceDeps, options: { nodeId: string; log: FastifyBaseLogger }) {
    this.#deps = deps;
    this.#nodeId = options.nodeId;
    this.#log = options.log;
    deps.rooms.on('opened', (room) => this.#watch(room));
  }

  /** Resolves once every write started so far has finished (server shutdown, before the hub closes). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.#log.error({ err: error }, 'conference publication failed'));
    this.#pending.add(tracked);
    void tracked.finally(() => this.#pending.delete(tracked));
  }

  #change(meetingId: string, mutate: (doc: Y.Doc) => void): void {
    this.#track(this.#deps.hub.change(liveDoc(meetingId), mutate));
  }

  #watch(room: MeetingRoom): void {
    const { meetingId } = room;
    room.on('presence', () => this.#refreshBoard(room));
    room.on('quality', () => this.#refreshBoard(room));
    room.on('activeSpeaker', (userId) => this.#change(meetingId, (doc) => writeActiveSpeaker(doc, userId)));
    room.on('speakerToStage', (userId) => {
      this.#log.info({ meetingId, userId }, 'stage follows the speaker');
      this.#track(setStage(this.#deps, meetingId, [userId], { kind: 'active_speaker' }));
    });
    room.on('share', (share) => this.#change(meetingId, (doc) => writeShare(doc, share && { userId: share.userId, name: share.displayName })));
    room.on('closed', () => {
      this.#refreshBoard(room);
      this.#change(meetingId, (doc) => {
        writeActiveSpeaker(doc, null);
        writeShare(doc, null);
      });
    });
    // A board left behind by an earlier run (or a crash) is corrected at once.
    this.#refreshBoard(room);
  }

  /** Rewrites a room's board rows; calls arriving meanwhile fold into one more pass. */
  #refreshBoard(room: MeetingRoom): void {
    const running = this.#boards.get(room);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    this.#boards.set(room, state);
    this.#track(
      (async () => {
        while (state.again) {
          state.again = false;
          await this.#writeBoard(room);
        }
      })().finally(() => this.#boards.delete(room)),
    );
  }

  async #writeBoard(room: MeetingRoom): Promise<void> {
    const { db } = this.#deps;
    const expected = await db
      .selectFrom('meeting_participants')
      .innerJoin('accounts', 'accounts.id', 'meeting_participants.account_id')
      .select(['accounts.id', 'accounts.display_name', 'accounts.unit_id'])
      .where('meeting_participants.meeting_id', '=', room.meetingId)
      .where('meeting_participants.role', '=', 'site')
      .execute();
    const identities = new Map(expected.map((row) => [row.id, { name: row.display_name, unitId: row.unit_id }]));
    const connected = new Map((room.closed ? [] : room.connectedUsers()).map((user) => [user.userId, user]));
    const others = await boardIdentities(db, [...connected.keys()].filter((userId) => !identities.has(userId)));
    for (const [userId, identity] of others) identities.set(userId, identity);

    await this.#deps.hub.change(liveDoc(room.meetingId), (doc) => {
      const sites = doc.getMap(LIVE_SITES);
      const previous = new Map<string, SiteStatus>();
      const unreadable: string[] = [];
      sites.forEach((value, userId) => {
        const parsed = SiteStatus.safeParse(value);
        if (parsed.success) previous.set(userId, parsed.data);
        else unreadable.push(userId);
      });
      for (const userId of unreadable) sites.delete(userId);
      const write = (row: SiteStatus) => {
        if (JSON.stringify(previous.get(row.userId)) !== JSON.stringify(row)) writeSite(doc, row);
      };
      for (const [userId, identity] of identities) {
        const before = previous.get(userId);
        const user = connected.get(userId);
        write({
          userId,
          name: identity.name,
          unitId: identity.unitId,
          connected: user !== undefined,
          nodeId: user ? (user.nodeId ?? this.#nodeId) : null,
          quality: user?.quality ?? null,
          rollCallConfirmed: before?.rollCallConfirmed ?? false,
          audioMuted: before?.audioMuted ?? false,
          audioOnly: user?.audioOnly ?? false,
        });
      }
      // Someone neither expected nor connected leaves the board, unless a host mute must be remembered.
      for (const [userId, before] of previous) {
        if (identities.has(userId)) continue;
        if (before.audioMuted) write({ ...before, connected: false, nodeId: null, quality: null, audioOnly: false });
        else sites.delete(userId);
      }
    });
  }
}
