import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FloorEntry } from '#protocol/collab/live.ts';
import { FloorGrant, FloorOrder, FloorRequestDraft } from '#protocol/floor.ts';
import { EntityId } from '#protocol/ids.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { requireMeetingRole } from '../meetings/membership.ts';
import { endFloor, grantFloor, reorderFloor, requestFloor, withdrawFloorRequest, type FloorDeps } from './commands.ts';
import { meetingOfFloorRequest } from './queries.ts';

const MeetingParams = z.object({ meetingId: EntityId });
const RequestParams = z.object({ requestId: EntityId });

/** Who may ask for the floor: the delegates, the chair, and sites of a conference. */
const SPEAKING_ROLES: readonly MeetingRole[] = ['delegate', 'chair', 'site'];

/**
 * Đăng ký phát biểu: participants ask for the floor and withdraw; the chair
 * orders the queue, gives the floor and ends a speech. Everyone follows the
 * result in `meeting:<id>:live`.
 */
export function registerFloorRoutes(
  app: FastifyInstance,
  deps: FloorDeps & { requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db } = deps;

  app.post('/api/meetings/:meetingId/floor/requests', { onRequest: deps.requireLogin }, async (request, reply): Promise<FloorEntry> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    // Every field has a default, so an empty body asks for an ordinary speech.
    const { kind } = parseInput(FloorRequestDraft, request.body ?? {});
    const principal = principalOf(request);
    const { role } = await requireMeetingRole(db, principal, { meetingId, roles: SPEAKING_ROLES, changes: true });
    // An administrator passes the meeting check as a secretary; secretaries keep the minutes, they do not take the floor.
    if (!SPEAKING_ROLES.includes(role)) throw new HttpError(403, 'forbidden', 'only delegates, the chair and sites may ask for the floor');
    const entry = await requestFloor(deps, meetingId, principal, kind);
    request.log.info({ meetingId, requestId: entry.requestId, kind }, 'floor requested');
    reply.status(201);
    return entry;
  });

  app.post('/api/floor-requests/:requestId/withdraw', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { requestId } = parseInput(RequestParams, request.params);
    const principal = principalOf(request);
    // The requester check is the command's; here only: is this caller in the meeting at all.
    const { meeting } = await requireMeetingRole(db, principal, {
      meetingId: await meetingOfFloorRequest(db, requestId),
      roles: SPEAKING_ROLES,
      changes: true,
      notFound: 'no such floor request',
    });
    await withdrawFloorRequest(deps, meeting.id, principal, requestId);
    request.log.info({ meetingId: meeting.id, requestId }, 'floor request withdrawn');
    return reply.status(204).send();
  });

  app.put('/api/meetings/:meetingId/floor/order', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const { requestIds } = parseInput(FloorOrder, request.body);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: ['chair'], changes: true });
    await reorderFloor(deps, meetingId, principalOf(request), requestIds);
    request.log.info({ meetingId, waiting: requestIds.length }, 'floor queue reordered');
    return reply.status(204).send();
  });

  app.post('/api/floor-requests/:requestId/grant', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { requestId } = parseInput(RequestParams, request.params);
    const grant = parseInput(FloorGrant, request.body ?? {});
    const { meeting } = await requireMeetingRole(db, principalOf(request), {
      meetingId: await meetingOfFloorRequest(db, requestId),
      roles: ['chair'],
      changes: true,
      notFound: 'no such floor request',
    });
    await grantFloor(deps, meeting.id, principalOf(request), requestId, grant);
    request.log.info({ meetingId: meeting.id, requestId, limitSeconds: grant.limitSeconds }, 'floor granted');
    return reply.status(204).send();
  });

  app.post('/api/meetings/:meetingId/floor/end', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: ['chair'], changes: true });
    await endFloor(deps, meetingId, principalOf(request));
    request.log.info({ meetingId }, 'floor ended');
    return reply.status(204).send();
  });
}
