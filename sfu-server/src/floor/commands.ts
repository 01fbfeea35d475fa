import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { readPresentation, writeFloor, type FloorEntry } from '#protocol/collab/live.ts';
import type { FloorGrant, SpeechKind } from '#protocol/floor.ts';
import type { Principal } from '../auth/tokens.ts';
import { setStage, type ConferenceDeps } from '../conference/commands.ts';
import { HttpError } from '../http/errors.ts';
import { sessionSettingsOf } from '../session-settings/queries.ts';
import type { Database } from '../store/schema.ts';
import { currentSpeakerOf, floorOf } from './queries.ts';

// Server commands on the floor (đăng ký phát biểu). Each writes the store and
// its audit entry in one transaction, then publishes the floor into
// `meeting:<id>:live`. The speaking time is information for the chair and the
// speaker: nobody is cut off by the server. Callers have already checked the
// caller's standing in the meeting.

/** What a floor command needs from the server: the conference's, since the floor drives the stage. */
export type FloorDeps = ConferenceDeps;

const liveDoc = (meetingId: string) => formatDocName({ kind: 'live', meetingId });

async function publishFloor({ db, hub }: FloorDeps, meetingId: string): Promise<void> {
  await hub.publish(liveDoc(meetingId), () => floorOf(db, meetingId), writeFloor);
}

/**
 * The conference stage follows the floor: the speaker is shown large, and
 * nobody once they are done. The stage command re-applies the conference
 * policy, which unmutes the speaker and mutes whoever lost the floor.
 */
async function stageFollowsFloor(deps: FloorDeps, meetingId: string): Promise<void> {
  const speakerOnly = async () => {
    const speakerId = await currentSpeakerOf(deps.db, meetingId);
    return speakerId ? [speakerId] : [];
  };
  await setStage(deps, meetingId, speakerOnly, { kind: 'floor' });
}

/** The agenda item whose document is being presented, taken as the item under discussion. */
async function agendaItemOnScreen({ db, hub }: FloorDeps, meetingId: string): Promise<string | null> {
  const presentation = await hub.read(liveDoc(meetingId), readPresentation);
  if (!presentation) return null;
  const document = await db
    .selectFrom('documents')
    .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
    .select('documents.agenda_item_id')
    .where('documents.id', '=', presentation.documentId)
    .where('agenda_items.meeting_id', '=', meetingId)
    .executeTakeFirst();
  return document?.agenda_item_id ?? null;
}

async function waitingRequestIds(trx: Transaction<Database>, meetingId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('floor_requests')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'waiting')
    .orderBy('position')
    .orderBy('requested_at')
    .execute();
  return rows.map((row) => row.id);
}

async function requestInMeeting(trx: Transaction<Database>, meetingId: string, requestId: string) {
  const request = await trx
    .selectFrom('floor_requests')
    .selectAll()
    .where('id', '=', requestId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!request) throw new HttpError(404, 'not_found', 'no such floor request');
  return request;
}

/** A delegate, the chair or a site asks for the floor; one waiting request per person. Joins the end of the queue. */
export async function requestFloor(deps: FloorDeps, meetingId: string, requester: Principal, kind: SpeechKind): Promise<FloorEntry> {
  const { db, audit } = deps;
  const agendaItemId = await agendaItemOnScreen(deps, meetingId);
  const entry = await db.transaction().execute(async (trx) => {
    const waiting = await trx
      .selectFrom('floor_requests')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('requester_id', '=', requester.userId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    if (waiting) throw new HttpError(409, 'conflict', 'you are already waiting for the floor; withdraw that request first');
    const last = await trx
      .selectFrom('floor_requests')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    const position = last?.position === null || last?.position === undefined ? 0 : last.position + 1;
    const entry: FloorEntry = {
      requestId: randomUUID(),
      userId: requester.userId,
      name: requester.displayName,
      kind,
      requestedAt: new Date().toISOString(),
    };
    await trx
      .insertInto('floor_requests')
      .values({
        id: entry.requestId,
        meeting_id: meetingId,
        agenda_item_id: agendaItemId,
        requester_id: requester.userId,
        kind,
        status: 'waiting',
        position,
        requested_at: entry.requestedAt,
        started_at: null,
        ended_at: null,
        limit_seconds: null,
        warn_before_seconds: null,
      })
      .execute();
    await audit.append(trx, {
      actorId: requester.userId,
      meetingId,
      action: 'floor.requested',
      details: { requestId: entry.requestId, kind, agendaItemId },
    });
    return entry;
  });
  await publishFloor(deps, meetingId);
  return entry;
}

/** The requester takes back a request that is still waiting. */
export async function withdrawFloorRequest(deps: FloorDeps, meetingId: string, requester: Principal, requestId: string): Promise<void> {
  const { db, audit } = deps;
  await db.transaction().execute(async (trx) => {
    const request = await requestInMeeting(trx, meetingId, requestId);
    if (request.requester_id !== requester.userId) {
      throw new HttpError(403, 'forbidden', 'only the person who asked for the floor may withdraw the request');
    }
    if (request.status !== 'waiting') throw new HttpError(409, 'conflict', `the request is no longer waiting (it is ${request.status})`);
    await trx
      .updateTable('floor_requests')
      .set({ status: 'withdrawn', ended_at: new Date().toISOString() })
      .where('id', '=', requestId)
      .execute();
    await audit.append(trx, { actorId: requester.userId, meetingId, action: 'floor.withdrawn', details: { requestId } });
  });
  await publishFloor(deps, meetingId);
}

/**
 * The chair puts the waiting queue in a new order. `requestIds` must be
 * exactly the waiting requests: a request that arrived or left meanwhile
 * makes the order stale (409), so the chair reorders what everyone sees.
 */
export async function reorderFloor(deps: FloorDeps, meetingId: string, chair: Principal, requestIds: string[]): Promise<void> {
  const { db, audit } = deps;
  if (new Set(requestIds).size !== requestIds.length) {
    throw new HttpError(400, 'bad_request', 'the new order lists a request more than once');
  }
  await db.transaction().execute(async (trx) => {
    const waiting = new Set(await waitingRequestIds(trx, meetingId));
    if (waiting.size !== requestIds.length || requestIds.some((id) => !waiting.has(id))) {
      throw new HttpError(409, 'conflict', 'the new order must list exactly the requests waiting now; the queue has changed');
    }
    for (const [position, id] of requestIds.entries()) {
      await trx.updateTable('floor_requests').set({ position }).where('id', '=', id).execute();
    }
    await audit.append(trx, { actorId: chair.userId, meetingId, action: 'floor.reordered', details: { requestIds } });
  });
  await publishFloor(deps, meetingId);
}

/**
 * The chair gives the floor to a waiting request. Whoever spoke is done; the
 * new speaker gets the override or the meeting's time for the kind of
 * speech, is put on the conference stage and has their microphone unmuted
 * (and the previous speaker's muted) if they are in the conference.
 */
export async function grantFloor(
  deps: FloorDeps,
  meetingId: string,
  chair: Principal,
  requestId: string,
  grant: FloorGrant,
): Promise<void> {
  const { db, audit } = deps;
  const settings = await sessionSettingsOf(db, meetingId);
  await db.transaction().execute(async (trx) => {
    const request = await requestInMeeting(trx, meetingId, requestId);
    if (request.status !== 'waiting') throw new HttpError(409, 'conflict', `only a waiting request can be given the floor (it is ${request.status})`);
    const now = new Date().toISOString();
    const previous = await trx
      .selectFrom('floor_requests')
      .select(['id', 'requester_id'])
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'speaking')
      .executeTakeFirst();
    if (previous) {
      await trx.updateTable('floor_requests').set({ status: 'done', ended_at: now }).where('id', '=', previous.id).execute();
      await audit.append(trx, {
        actorId: chair.userId,
        meetingId,
        action: 'floor.ended',
        details: { requestId: previous.id, userId: previous.requester_id, because: 'next_speaker' },
      });
    }
    const limitSeconds = grant.limitSeconds ?? settings.speakingSeconds[request.kind];
    // A warning before the speech even starts would mean nothing.
    const warnBeforeSeconds = Math.min(settings.warnBeforeSeconds, limitSeconds);
    await trx
      .updateTable('floor_requests')
      .set({ status: 'speaking', started_at: now, limit_seconds: limitSeconds, warn_before_seconds: warnBeforeSeconds })
      .where('id', '=', requestId)
      .execute();
    await audit.append(trx, {
      actorId: chair.userId,
      meetingId,
      action: 'floor.granted',
      details: { requestId, userId: request.requester_id, kind: request.kind, limitSeconds, warnBeforeSeconds },
    });
  });
  await publishFloor(deps, meetingId);
  await stageFollowsFloor(deps, meetingId);
}

/** The chair ends the current speech: the speaker is done, their microphone is muted again and the stage cleared. */
export async function endFloor(deps: FloorDeps, meetingId: string, chair: Principal): Promise<void> {
  const { db, audit } = deps;
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('floor_requests')
      .select(['id', 'requester_id'])
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'speaking')
      .executeTakeFirst();
    if (!current) throw new HttpError(409, 'conflict', 'nobody has the floor');
    await trx
      .updateTable('floor_requests')
      .set({ status: 'done', ended_at: new Date().toISOString() })
      .where('id', '=', current.id)
      .execute();
    await audit.append(trx, {
      actorId: chair.userId,
      meetingId,
      action: 'floor.ended',
      details: { requestId: current.id, userId: current.requester_id, because: 'chair' },
    });
  });
  await publishFloor(deps, meetingId);
  await stageFollowsFloor(deps, meetingId);
}
