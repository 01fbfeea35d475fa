import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ConferenceSettingsChange,
  MuteAllRequest,
  MuteRequest,
  RemoveRequest,
  StageRequest,
  WallRequest,
  type ConferenceRoute,
  type ConferenceSettings,
} from '#protocol/conference.ts';
import { EntityId } from '#protocol/ids.ts';
import { MeetingRole } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { requireMeetingRole } from '../meetings/membership.ts';
import {
  changeConferenceSettings,
  confirmRollCall,
  muteEveryone,
  muteParticipant,
  removeFromConference,
  setStage,
  setWall,
  type ConferenceDeps,
} from './commands.ts';
import { HOST_ROLES } from './peer.ts';
import type { ConferenceTickets } from './tickets.ts';

const MeetingParams = z.object({ meetingId: EntityId });

/**
 * Host control of the conference (the chair and secretaries host; others get
 * 403, non-participants 404), a site's roll-call confirmation, and the route
 * to this node's media. Results reach everyone through `meeting:<id>:live`
 * and, for media, through `/signal`.
 */
export function registerConferenceRoutes(
  app: FastifyInstance,
  deps: ConferenceDeps & {
    tickets: ConferenceTickets;
    nodeId: string;
    /** Cascade: the node below that serves this user's unit and is up now, or null for this node. */
    routeElsewhere: (userId: string) => Promise<{ nodeId: string; publicUrl: string } | null>;
    requireLogin: (request: FastifyRequest) => Promise<void>;
  },
): void {
  const { db } = deps;
  const base = '/api/meetings/:meetingId/conference';
  /** The meeting id of a host's request, once the caller is known to host it. */
  const hostRequest = async (request: FastifyRequest): Promise<string> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: HOST_ROLES, changes: true });
    return meetingId;
  };

  app.put(`${base}/stage`, { onRequest: deps.requireLogin }, async (request, reply) => {
    const { userIds } = parseInput(StageRequest, request.body);
    const meetingId = await hostRequest(request);
    await setStage(deps, meetingId, userIds, { kind: 'host', actor: principalOf(request) });
    request.log.info({ meetingId, tiles: userIds.length }, 'conference stage set');
    return reply.status(204).send();
  });

  app.put(`${base}/wall`, { onRequest: deps.requireLogin }, async (request, reply) => {
    const { userIds } = parseInput(WallRequest, request.body);
    const meetingId = await hostRequest(request);
    await setWall(deps, meetingId, principalOf(request), userIds);
    request.log.info({ meetingId, thumbnails: userIds.length }, 'conference wall set');
    return reply.status(204).send();
  });

  app.post(`${base}/mute`, { onRequest: deps.requireLogin }, async (request, reply) => {
    const { userId, muted } = parseInput(MuteRequest, request.body);
    const meetingId = await hostRequest(request);
    await muteParticipant(deps, meetingId, principalOf(request), userId, muted);
    request.log.info({ meetingId, userId, muted }, 'conference participant muted');
    return reply.status(204).send();
  });

  app.post(`${base}/mute-all`, { onRequest: deps.requireLogin }, async (request, reply) => {
    const { muted } = parseInput(MuteAllRequest, request.body);
    const meetingId = await hostRequest(request);
    const changed = await muteEveryone(deps, meetingId, principalOf(request), muted);
    request.log.info({ meetingId, muted, changed }, 'conference muted for everyone');
    return reply.status(204).send();
  });

  app.patch(`${base}/settings`, { onRequest: deps.requireLogin }, async (request): Promise<ConferenceSettings> => {
    const change = parseInput(ConferenceSettingsChange, request.body);
    const meetingId = await hostRequest(request);
    const settings = await changeConferenceSettings(deps, meetingId, principalOf(request), change);
    request.log.info({ meetingId, ...settings }, 'conference settings changed');
    return settings;
  });

  app.post(`${base}/remove`, { onRequest: deps.requireLogin }, async (request, reply) => {
    const { userId } = parseInput(RemoveRequest, request.body);
    const meetingId = await hostRequest(request);
    await removeFromConference(deps, meetingId, principalOf(request), userId);
    request.log.info({ meetingId, userId }, 'removed from the conference');
    return reply.status(204).send();
  });

  app.post(`${base}/roll-call/confirm`, { onRequest: deps.requireLogin }, async (request, reply) => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const principal = principalOf(request);
    const { role } = await requireMeetingRole(db, principal, { meetingId, roles: ['site'], changes: true });
    // An administrator passes the meeting check as a secretary; only a site answers the roll call.
    if (role !== 'site') throw new HttpError(403, 'forbidden', 'only a site confirms the roll call, for itself');
    await confirmRollCall(deps, meetingId, principal);
    request.log.info({ meetingId }, 'roll call confirmed');
    return reply.status(204).send();
  });

  app.get(`${base}/route`, { onRequest: deps.requireLogin }, async (request): Promise<ConferenceRoute> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const principal = principalOf(request);
    const { role } = await requireMeetingRole(db, principal, { meetingId, roles: MeetingRole.options, changes: false });
    const ticket = await deps.tickets.issue({ userId: principal.userId, meetingId, role });
    const elsewhere = await deps.routeElsewhere(principal.userId);
    if (elsewhere) return { nodeId: elsewhere.nodeId, signalUrl: `${elsewhere.publicUrl.replace(/^http/, 'ws')}/signal`, ticket };
    // This node: its own /signal, as the caller reached it.
    const scheme = request.protocol === 'https' ? 'wss' : 'ws';
    return { nodeId: deps.nodeId, signalUrl: `${scheme}://${request.host}/signal`, ticket };
  });
}
