import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EntityId } from '#protocol/ids.ts';
import { MeetingDraft, MeetingStatusChange, MeetingUpdate, type MeetingDetail, type MeetingList } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';
import { changeMeetingStatus, createMeeting, updateMeeting } from './commands.ts';
import { ORGANIZER_ROLES, meetingRoleOf, requireMeetingRole } from './membership.ts';
import { listMeetingsOf, meetingDetail, meetingDetailOrThrow } from './queries.ts';

const MeetingParams = z.object({ meetingId: EntityId });

export function registerMeetingRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db } = deps;
  const secretaryOf = (request: FastifyRequest, meetingId: string) =>
    requireMeetingRole(db, principalOf(request), { meetingId, roles: ['secretary'], changes: true });

  app.get('/api/meetings', { onRequest: deps.requireLogin }, async (request): Promise<MeetingList> => {
    return { meetings: await listMeetingsOf(db, principalOf(request).userId) };
  });

  app.get('/api/meetings/:meetingId', { onRequest: deps.requireLogin }, async (request): Promise<MeetingDetail> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const role = await meetingRoleOf(db, meetingId, principalOf(request).userId);
    // Non-participants get the same 404 as a missing meeting: ids reveal nothing.
    const detail = role ? await meetingDetail(db, meetingId, role) : null;
    if (!detail) throw new HttpError(404, 'not_found', 'no such meeting');
    return detail;
  });

  app.post('/api/meetings', { onRequest: deps.requireLogin }, async (request, reply): Promise<MeetingDetail> => {
    const draft = parseInput(MeetingDraft, request.body);
    const principal = principalOf(request);
    if (!ORGANIZER_ROLES.includes(principal.role)) {
      throw new HttpError(403, 'forbidden', 'only secretaries, chairs and administrators may create meetings');
    }
    const meetingId = await createMeeting(db, draft, principal.userId);
    request.log.info({ meetingId }, 'meeting created');
    reply.status(201);
    return meetingDetailOrThrow(db, meetingId, 'secretary');
  });

  app.patch('/api/meetings/:meetingId', { onRequest: deps.requireLogin }, async (request): Promise<MeetingDetail> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const update = parseInput(MeetingUpdate, request.body);
    const { role } = await secretaryOf(request, meetingId);
    await updateMeeting(db, meetingId, update);
    return meetingDetailOrThrow(db, meetingId, role);
  });

  app.post('/api/meetings/:meetingId/status', { onRequest: deps.requireLogin }, async (request): Promise<MeetingDetail> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const { status } = parseInput(MeetingStatusChange, request.body);
    // Not `changes`: the lifecycle itself says what a closed meeting may become (nothing).
    const { meeting, role } = await requireMeetingRole(db, principalOf(request), { meetingId, roles: ['secretary'], changes: false });
    await changeMeetingStatus(db, meetingId, status);
    request.log.info({ meetingId, from: meeting.status, to: status }, 'meeting status changed');
    return meetingDetailOrThrow(db, meetingId, role);
  });
}
