import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EntityId } from '#protocol/ids.ts';
import { ParticipantChange, SiteInvitation, type ParticipantList } from '#protocol/meetings.ts';
import { publishAttendance } from '../attendance/publication.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { parseInput } from '../http/errors.ts';
import { requireMeetingRole } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';
import { inviteParticipant, inviteSiteUnit, removeParticipant, withdrawSiteUnit } from './commands.ts';
import { participantList } from './queries.ts';

const MeetingParams = z.object({ meetingId: EntityId });
const ParticipantParams = MeetingParams.extend({ accountId: EntityId });
const SiteUnitParams = MeetingParams.extend({ unitId: EntityId });

/** Who is invited, for the meeting's secretaries; each answers with the updated list. Who attends decides the quorum, so it follows. */
export function registerParticipantRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; hub: CollabHub; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db, hub } = deps;
  const secretaryOf = (request: FastifyRequest, meetingId: string, changes: boolean) =>
    requireMeetingRole(db, principalOf(request), { meetingId, roles: ['secretary'], changes });

  app.get('/api/meetings/:meetingId/participants', { onRequest: deps.requireLogin }, async (request): Promise<ParticipantList> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await secretaryOf(request, meetingId, false);
    return participantList(db, meetingId);
  });

  app.put('/api/meetings/:meetingId/participants', { onRequest: deps.requireLogin }, async (request): Promise<ParticipantList> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const change = parseInput(ParticipantChange, request.body);
    await secretaryOf(request, meetingId, true);
    await inviteParticipant(db, meetingId, change);
    await publishAttendance(db, hub, meetingId);
    request.log.info({ meetingId, accountId: change.accountId, role: change.role }, 'participant invited');
    return participantList(db, meetingId);
  });

  app.delete(
    '/api/meetings/:meetingId/participants/:accountId',
    { onRequest: deps.requireLogin },
    async (request): Promise<ParticipantList> => {
      const { meetingId, accountId } = parseInput(ParticipantParams, request.params);
      await secretaryOf(request, meetingId, true);
      await removeParticipant(db, meetingId, accountId);
      await publishAttendance(db, hub, meetingId);
      request.log.info({ meetingId, accountId }, 'participant removed');
      return participantList(db, meetingId);
    },
  );

  app.post('/api/meetings/:meetingId/sites', { onRequest: deps.requireLogin }, async (request): Promise<ParticipantList> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const { unitId } = parseInput(SiteInvitation, request.body);
    await secretaryOf(request, meetingId, true);
    await inviteSiteUnit(db, meetingId, unitId);
    request.log.info({ meetingId, unitId }, 'site unit invited');
    return participantList(db, meetingId);
  });

  app.delete('/api/meetings/:meetingId/sites/:unitId', { onRequest: deps.requireLogin }, async (request): Promise<ParticipantList> => {
    const { meetingId, unitId } = parseInput(SiteUnitParams, request.params);
    await secretaryOf(request, meetingId, true);
    await withdrawSiteUnit(db, meetingId, unitId);
    request.log.info({ meetingId, unitId }, 'site unit withdrawn');
    return participantList(db, meetingId);
  });
}
