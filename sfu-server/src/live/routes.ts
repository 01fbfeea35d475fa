import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EntityId } from '#protocol/ids.ts';
import { PresentationRequest } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { parseInput } from '../http/errors.ts';
import { requireMeetingRole } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';
import { startPresentation, stopPresentation } from './commands.ts';

const MeetingParams = z.object({ meetingId: EntityId });

/** Requests that change the live session; the result reaches everyone through `meeting:<id>:live`. */
export function registerLiveRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; hub: CollabHub; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db, hub } = deps;
  const presenterOf = (request: FastifyRequest, meetingId: string) =>
    requireMeetingRole(db, principalOf(request), { meetingId, roles: ['chair', 'secretary'], changes: true });

  app.put('/api/meetings/:meetingId/presentation', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const presentation = parseInput(PresentationRequest, request.body);
    await presenterOf(request, meetingId);
    await startPresentation(db, hub, meetingId, principalOf(request), presentation);
    return reply.status(204).send();
  });

  app.delete('/api/meetings/:meetingId/presentation', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await presenterOf(request, meetingId);
    await stopPresentation(hub, meetingId);
    return reply.status(204).send();
  });
}
