import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EntityId } from '#protocol/ids.ts';
import { MeetingRole } from '#protocol/meetings.ts';
import type { SignedPollResult } from '#protocol/voting.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { principalOf } from '../auth/authenticate.ts';
import { parseInput } from '../http/errors.ts';
import type { NodeKey } from '../identity/node-key.ts';
import { requireMeetingRole } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';
import { signedResultOf } from '../voting/queries.ts';
import { meetingResultsCsv } from '../voting/result-export.ts';
import { minutesData } from './minutes-data.ts';
import { renderMinutes } from './minutes-pdf.ts';

const MeetingParams = z.object({ meetingId: EntityId });

/** The session's written record: the minutes PDF (chair and secretaries), and every result as JSON or CSV. */
export function registerMinutesRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; audit: AuditLog; key: NodeKey; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  const { db } = deps;

  app.get('/api/meetings/:meetingId/minutes.pdf', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: ['chair', 'secretary'], changes: false });
    const pdf = await renderMinutes(await minutesData(db, deps.audit, deps.key, meetingId));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('bien-ban-ky-hop.pdf')}`)
      .send(Buffer.from(pdf));
  });

  async function signedResults(request: FastifyRequest): Promise<SignedPollResult[]> {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: MeetingRole.options, changes: false });
    const closed = await db.selectFrom('polls').select('id').where('meeting_id', '=', meetingId).where('result', 'is not', null).orderBy('created_at').execute();
    return Promise.all(closed.map((poll) => signedResultOf(db, deps.key, poll.id)));
  }

  app.get('/api/meetings/:meetingId/results.json', { onRequest: deps.requireLogin }, async (request) => ({ results: await signedResults(request) }));

  app.get('/api/meetings/:meetingId/results.csv', { onRequest: deps.requireLogin }, async (request, reply) => {
    const results = await signedResults(request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('ket-qua-bieu-quyet.csv')}`)
      .send(meetingResultsCsv(results.map((signed) => signed.result)));
  });
}
