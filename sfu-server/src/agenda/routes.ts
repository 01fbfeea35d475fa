import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EntityId } from '#protocol/ids.ts';
import { AgendaItemDraft, AgendaItemUpdate, AgendaOrder, type MeetingDetail } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { parseInput } from '../http/errors.ts';
import { meetingOfAgendaItem, requireMeetingRole, type MeetingStanding } from '../meetings/membership.ts';
import { meetingDetailOrThrow } from '../meetings/queries.ts';
import type { Database } from '../store/schema.ts';
import { addAgendaItem, deleteAgendaItem, reorderAgenda, updateAgendaItem } from './commands.ts';

const MeetingParams = z.object({ meetingId: EntityId });
const ItemParams = z.object({ itemId: EntityId });

/** Agenda structure, for the meeting's secretaries; each answers with the updated meeting. */
export function registerAgendaRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; hub: CollabHub; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db, hub } = deps;
  const secretaryOf = (request: FastifyRequest, meetingId: string | null, notFound?: string) =>
    requireMeetingRole(db, principalOf(request), { meetingId, roles: ['secretary'], changes: true, notFound });
  const detail = ({ meeting, role }: MeetingStanding) => meetingDetailOrThrow(db, meeting.id, role);

  app.post('/api/meetings/:meetingId/agenda', { onRequest: deps.requireLogin }, async (request, reply): Promise<MeetingDetail> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const draft = parseInput(AgendaItemDraft, request.body);
    const standing = await secretaryOf(request, meetingId);
    await addAgendaItem(db, hub, meetingId, draft);
    reply.status(201);
    return detail(standing);
  });

  app.patch('/api/agenda-items/:itemId', { onRequest: deps.requireLogin }, async (request): Promise<MeetingDetail> => {
    const { itemId } = parseInput(ItemParams, request.params);
    const update = parseInput(AgendaItemUpdate, request.body);
    const standing = await secretaryOf(request, await meetingOfAgendaItem(db, itemId), 'no such agenda item');
    await updateAgendaItem(db, hub, standing.meeting.id, itemId, update);
    return detail(standing);
  });

  app.delete('/api/agenda-items/:itemId', { onRequest: deps.requireLogin }, async (request): Promise<MeetingDetail> => {
    const { itemId } = parseInput(ItemParams, request.params);
    const standing = await secretaryOf(request, await meetingOfAgendaItem(db, itemId), 'no such agenda item');
    await deleteAgendaItem(db, hub, standing.meeting.id, itemId);
    return detail(standing);
  });

  app.put('/api/meetings/:meetingId/agenda/order', { onRequest: deps.requireLogin }, async (request): Promise<MeetingDetail> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const { itemIds } = parseInput(AgendaOrder, request.body);
    const standing = await secretaryOf(request, meetingId);
    await reorderAgenda(db, hub, meetingId, itemIds);
    return detail(standing);
  });
}
