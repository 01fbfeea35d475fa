import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SessionSettings } from '#protocol/floor.ts';
import { EntityId } from '#protocol/ids.ts';
import { MeetingRole } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import { parseInput } from '../http/errors.ts';
import { requireMeetingRole } from '../meetings/membership.ts';
import { changeSessionSettings, type SessionSettingsDeps } from './commands.ts';
import { sessionSettingsOf, type EffectiveSessionSettings } from './queries.ts';

const MeetingParams = z.object({ meetingId: EntityId });

/** Speaking times, the warning before time is up, and the quorum: read by participants, changed by the chair or a secretary. */
export function registerSessionSettingsRoutes(
  app: FastifyInstance,
  deps: SessionSettingsDeps & { requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db } = deps;

  app.get('/api/meetings/:meetingId/settings', { onRequest: deps.requireLogin }, async (request): Promise<EffectiveSessionSettings> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: MeetingRole.options, changes: false });
    return sessionSettingsOf(db, meetingId);
  });

  app.patch('/api/meetings/:meetingId/settings', { onRequest: deps.requireLogin }, async (request): Promise<EffectiveSessionSettings> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const change = parseInput(SessionSettings, request.body);
    const principal = principalOf(request);
    await requireMeetingRole(db, principal, { meetingId, roles: ['chair', 'secretary'], changes: true });
    const settings = await changeSessionSettings(deps, meetingId, principal, change);
    request.log.info({ meetingId, change }, 'session settings changed');
    return settings;
  });
}
