import type { Kysely } from 'kysely';
import type * as Y from 'yjs';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { writeStage } from '#protocol/collab/live.ts';
import {
  LIVE_SITES,
  SiteStatus,
  readConferenceSettings,
  writeConferenceSettings,
  writeSite,
  writeWall,
  type ConferenceSettings,
  type ConferenceSettingsChange,
} from '#protocol/conference.ts';
import type { AuditLog, AuditRecord } from '../audit/audit-log.ts';
import type { Principal } from '../auth/tokens.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';
import { readConferenceState } from './conference-state.ts';
import { HOST_ROLES } from './peer.ts';
import type { RoomRegistry } from './room-registry.ts';

// Server commands of the conference host (điểm cầu chủ trì). Each writes the
// host's state into `meeting:<id>:live` (its one home), records an audit
// entry for what a host decided, and then hands the meeting's room on this
// node a fresh reading of the document (`syncRoom`), which enforces it.
// Callers have already checked the caller's standing in the meeting.

/** What a conference command needs from the server. */
export interface ConferenceDeps {
  db: Kysely<Database>;
  hub: CollabHub;
  audit: AuditLog;
  rooms: RoomRegistry;
}

const liveDoc = (meetingId: string) => formatDocName({ kind: 'live', meetingId });

/**
 * Hands the meeting's room (if one is open on this node) the host's state as
 * the live document holds it now. The room is updated inside the read, so
 * concurrent syncs apply in the document's order and the newest state wins.
 */
export async function syncRoom(deps: ConferenceDeps, meetingId: string): Promise<void> {
  const room = await deps.rooms.current(meetingId);
  if (room) await deps.hub.read(liveDoc(meetingId), (doc) => room.update(readConferenceState(doc)));
}

async function audited(deps: ConferenceDeps, record: AuditRecord): Promise<void> {
  await deps.db.transaction().execute((trx) => deps.audit.append(trx, record));
}

/** Refuses user ids that are not participants of the meeting. */
async function requireParticipants(db: Kysely<Database>, meetingId: string, userIds: readonly string[]): Promise<void> {
  if (new Set(userIds).size !== userIds.length) throw new HttpError(400, 'bad_request', 'a participant is listed more than once');
  if (userIds.length === 0) return;
  const rows = await db
    .selectFrom('meeting_participants')
    .select('account_id')
    .where('meeting_id', '=', meetingId)
    .where('account_id', 'in', [...userIds])
    .execute();
  const known = new Set(rows.map((row) => row.account_id));
  const unknown = userIds.filter((userId) => !known.has(userId));
  if (unknown.length > 0) throw new HttpError(400, 'bad_request', `not participants of this meeting: ${unknown.join(', ')}`);
}

async function requireParticipant(db: Kysely<Database>, meetingId: string, userId: string): Promise<void> {
  const row = await db
    .selectFrom('meeting_participants')
    .select('account_id')
    .where('meeting_id', '=', meetingId)
    .where('account_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new HttpError(404, 'not_found', 'no such participant in this meeting');
}

/** Names and units of accounts, for status board rows that do not exist yet. */
export async function boardIdentities(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, { name: string; unitId: string | null }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name', 'unit_id']).where('id', 'in', [...userIds]).execute();
  return new Map(rows.map((row) => [row.id, { name: row.display_name, unitId: row.unit_id }]));
}

/** A user's status board row, or a fresh disconnected one. */
function siteRow(doc: Y.Doc, userId: string, identity: { name: string; unitId: string | null } | undefined): SiteStatus {
  const parsed = SiteStatus.safeParse(doc.getMap(LIVE_SITES).get(userId));
  if (parsed.success) return parsed.data;
  return {
    userId,
    name: identity?.name ?? userId,
    unitId: identity?.unitId ?? null,
    connected: false,
    nodeId: null,
    quality: null,
    rollCallConfirmed: false,
    audioMuted: false,
    audioOnly: false,
  };
}

/** Why the stage changes: a host's request (audited), the floor (audited by the floor), or the active speaker. */
export type StageCause = { kind: 'host'; actor: Principal } | { kind: 'floor' } | { kind: 'active_speaker' };

/**
 * The one command that changes the stage (`session.stage`): the host's
 * request, the floor (the speaker is shown), and follow-the-speaker all go
 * through it. `stage` may be a reader, run when this write's turn comes (the
 * floor reads the store, so the newest grant always wins).
 */
export async function setStage(
  deps: ConferenceDeps,
  meetingId: string,
  stage: readonly string[] | (() => Promise<readonly string[]>),
  cause: StageCause,
): Promise<void> {
  if (typeof stage !== 'function') await requireParticipants(deps.db, meetingId, stage);
  await deps.hub.publish(
    liveDoc(meetingId),
    async () => (typeof stage === 'function' ? stage() : stage),
    (doc, userIds) => writeStage(doc, { userIds: [...userIds] }),
  );
  if (cause.kind === 'host' && typeof stage !== 'function') {
    await audited(deps, { actorId: cause.actor.userId, meetingId, action: 'conference.stage_set', details: { userIds: stage } });
  }
  await syncRoom(deps, meetingId);
}

/** The host's thumbnail wall: those sites send their lowest layer and the hosts receive it. */
export async function setWall(deps: ConferenceDeps, meetingId: string, host: Principal, userIds: readonly string[]): Promise<void> {
  await requireParticipants(deps.db, meetingId, userIds);
  await deps.hub.change(liveDoc(meetingId), (doc) => writeWall(doc, [...userIds]));
  await audited(deps, { actorId: host.userId, meetingId, action: 'conference.wall_set', details: { userIds } });
  await syncRoom(deps, meetingId);
}

/** Mutes (or unmutes) one participant for everyone: their microphone is paused on the server until unmuted. */
export async function muteParticipant(deps: ConferenceDeps, meetingId: string, host: Principal, userId: string, muted: boolean): Promise<void> {
  await requireParticipant(deps.db, meetingId, userId);
  const identity = (await boardIdentities(deps.db, [userId])).get(userId);
  await deps.hub.change(liveDoc(meetingId), (doc) => writeSite(doc, { ...siteRow(doc, userId, identity), audioMuted: muted }));
  await audited(deps, { actorId: host.userId, meetingId, action: muted ? 'conference.muted' : 'conference.unmuted', details: { userId } });
  await syncRoom(deps, meetingId);
}

/**
 * Mutes everyone but the hosts: every expected site, everyone connected and
 * everyone already on the status board. Unmuting clears every mute.
 */
export async function muteEveryone(deps: ConferenceDeps, meetingId: string, host: Principal, muted: boolean): Promise<number> {
  const participants = await deps.db
    .selectFrom('meeting_participants')
    .select(['account_id', 'role'])
    .where('meeting_id', '=', meetingId)
    .execute();
  const hosts = new Set(participants.filter((row) => HOST_ROLES.includes(row.role)).map((row) => row.account_id));
  const room = await deps.rooms.current(meetingId);
  const expected = participants.filter((row) => row.role === 'site').map((row) => row.account_id);
  const connected = room?.connectedUsers().map((user) => user.userId) ?? [];
  const candidates = [...new Set([...expected, ...connected])];
  const identities = await boardIdentities(deps.db, candidates);
  let changed = 0;
  await deps.hub.change(liveDoc(meetingId), (doc) => {
    const onBoard: string[] = [];
    doc.getMap(LIVE_SITES).forEach((_value, userId) => onBoard.push(userId));
    for (const userId of new Set([...candidates, ...onBoard])) {
      if (muted && hosts.has(userId)) continue;
      const row = siteRow(doc, userId, identities.get(userId));
      if (row.audioMuted === muted) continue;
      writeSite(doc, { ...row, audioMuted: muted });
      changed += 1;
    }
  });
  await audited(deps, { actorId: host.userId, meetingId, action: muted ? 'conference.muted_all' : 'conference.unmuted_all', details: { changed } });
  await syncRoom(deps, meetingId);
  return changed;
}

/** Lock, follow-the-speaker, roll call. Opening a roll call clears the earlier confirmations. */
export async function changeConferenceSettings(
  deps: ConferenceDeps,
  meetingId: string,
  host: Principal,
  change: ConferenceSettingsChange,
): Promise<ConferenceSettings> {
  let settings: ConferenceSettings | undefined;
  await deps.hub.change(liveDoc(meetingId), (doc) => {
    const before = readConferenceSettings(doc);
    const next: ConferenceSettings = {
      locked: change.locked ?? before.locked,
      followSpeaker: change.followSpeaker ?? before.followSpeaker,
      rollCallOpen: change.rollCallOpen ?? before.rollCallOpen,
    };
    writeConferenceSettings(doc, next);
    if (next.rollCallOpen && !before.rollCallOpen) {
      const sites = doc.getMap(LIVE_SITES);
      sites.forEach((value, userId) => {
        const row = SiteStatus.safeParse(value);
        if (row.success && row.data.rollCallConfirmed) sites.set(userId, { ...row.data, rollCallConfirmed: false });
      });
    }
    settings = next;
  });
  if (!settings) throw new Error('settings were not written');
  await audited(deps, { actorId: host.userId, meetingId, action: 'conference.settings_changed', details: { ...change } });
  await syncRoom(deps, meetingId);
  return settings;
}

/** Takes a participant out of the conference (their devices are told `removed`); while locked they cannot come back. */
export async function removeFromConference(deps: ConferenceDeps, meetingId: string, host: Principal, userId: string): Promise<void> {
  await requireParticipant(deps.db, meetingId, userId);
  const room = await deps.rooms.current(meetingId);
  const wasConnected = room?.remove(userId) ?? false;
  await audited(deps, { actorId: host.userId, meetingId, action: 'conference.removed', details: { userId, wasConnected } });
}

/** A site confirms, for itself, "kết nối tốt, âm thanh rõ" in the open roll call (409 when none is open). */
export async function confirmRollCall(deps: ConferenceDeps, meetingId: string, site: Principal): Promise<void> {
  const identity = (await boardIdentities(deps.db, [site.userId])).get(site.userId);
  let open = false;
  await deps.hub.change(liveDoc(meetingId), (doc) => {
    open = readConferenceSettings(doc).rollCallOpen;
    if (open) writeSite(doc, { ...siteRow(doc, site.userId, identity), rollCallConfirmed: true });
  });
  if (!open) throw new HttpError(409, 'conflict', 'no roll call is open');
  await audited(deps, { actorId: site.userId, meetingId, action: 'conference.roll_call_confirmed', details: {} });
}
