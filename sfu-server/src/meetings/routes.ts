import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EntityId } from '#protocol/ids.ts';
import type { MeetingDetail, MeetingList } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';
import { meetingRoleOf } from './membership.ts';
import { listMeetingsOf, meetingDetail } from './queries.ts';

const MeetingParams = z.object({ meetingId: EntityId });

export function registerMeetingRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  app.get('/api/meetings', { onRequest: deps.requireLogin }, async (request): Promise<MeetingList> => {
    return { meetings: await listMeetingsOf(deps.db, principalOf(request).userId) };
  });

  app.get('/api/meetings/:meetingId', { onRequest: deps.requireLogin }, async (request): Promise<MeetingDetail> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const role = await meetingRoleOf(deps.db, meetingId, principalOf(request).userId);
    // Non-participants get the same 404 as a missing meeting: ids reveal nothing.
    const detail = role ? await meetingDetail(deps.db, meetingId, role) : null;
    if (!detail) throw new HttpError(404, 'not_found', 'no such meeting');
    return detail;
  });
}
