import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EntityId } from '#protocol/ids.ts';
import { MeetingRole } from '#protocol/meetings.ts';
import { BallotRequest, PollDraft, PollReason, type BallotReceipt, type PollList, type PollSummary, type SignedPollResult } from '#protocol/voting.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import type { NodeKey } from '../identity/node-key.ts';
import { requireMeetingRole } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';
import { PollRunner, type PresentDelegateCount } from './poll-runner.ts';
import { VOTING_ROLES, listPolls, meetingOfPoll, signedResultOf } from './queries.ts';
import { resultCsv } from './result-export.ts';

const MeetingParams = z.object({ meetingId: EntityId });
const PollParams = z.object({ pollId: EntityId });

/**
 * Biểu quyết: the chair or a secretary prepares a poll, the chair alone
 * opens, closes, cancels and reruns it, the delegates (and the chair) vote,
 * and every participant reads the polls and the signed results. Progress and
 * results reach everyone through `meeting:<id>:live`.
 */
export function registerVotingRoutes(
  app: FastifyInstance,
  deps: {
    db: Kysely<Database>;
    audit: AuditLog;
    key: NodeKey;
    hub: CollabHub;
    countPresent: PresentDelegateCount;
    requireLogin: (request: FastifyRequest) => Promise<void>;
  },
): void {
  const { db, key } = deps;
  const runner = new PollRunner({
    store: { db, audit: deps.audit, key },
    hub: deps.hub,
    countPresent: deps.countPresent,
    log: app.log.child({ module: 'voting' }),
  });
  app.addHook('onReady', () => runner.start());
  app.addHook('onClose', () => runner.stop());

  const standingInPoll = async (request: FastifyRequest, pollId: string, roles: readonly MeetingRole[], changes: boolean) =>
    requireMeetingRole(db, principalOf(request), { meetingId: await meetingOfPoll(db, pollId), roles, changes, notFound: 'no such poll' });

  /** The meeting's chair, and only them: an administrator passes the meeting check but does not conduct votes. */
  const chairOf = async (request: FastifyRequest, pollId: string, changes = true) => {
    const standing = await standingInPoll(request, pollId, ['chair'], changes);
    if (standing.role !== 'chair') throw new HttpError(403, 'forbidden', 'only the meeting chair conducts a vote');
    return principalOf(request).userId;
  };

  app.post('/api/meetings/:meetingId/polls', { onRequest: deps.requireLogin }, async (request, reply): Promise<PollSummary> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    const draft = parseInput(PollDraft, request.body);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: ['chair', 'secretary'], changes: true });
    const poll = await runner.create(meetingId, draft, principalOf(request).userId);
    reply.status(201);
    return poll;
  });

  app.get('/api/meetings/:meetingId/polls', { onRequest: deps.requireLogin }, async (request): Promise<PollList> => {
    const { meetingId } = parseInput(MeetingParams, request.params);
    await requireMeetingRole(db, principalOf(request), { meetingId, roles: MeetingRole.options, changes: false });
    return { polls: await listPolls(db, meetingId) };
  });

  app.post('/api/polls/:pollId/open', { onRequest: deps.requireLogin }, async (request): Promise<PollSummary> => {
    const { pollId } = parseInput(PollParams, request.params);
    return runner.open(pollId, await chairOf(request, pollId));
  });

  // Not `changes`: a poll still open when the meeting closed must still be closable.
  app.post('/api/polls/:pollId/close', { onRequest: deps.requireLogin }, async (request): Promise<PollSummary> => {
    const { pollId } = parseInput(PollParams, request.params);
    return runner.close(pollId, await chairOf(request, pollId, false));
  });

  app.post('/api/polls/:pollId/cancel', { onRequest: deps.requireLogin }, async (request): Promise<PollSummary> => {
    const { pollId } = parseInput(PollParams, request.params);
    const { reason } = parseInput(PollReason, request.body);
    return runner.cancel(pollId, reason, await chairOf(request, pollId));
  });

  app.post('/api/polls/:pollId/rerun', { onRequest: deps.requireLogin }, async (request, reply): Promise<PollSummary> => {
    const { pollId } = parseInput(PollParams, request.params);
    const { reason } = parseInput(PollReason, request.body);
    const rerun = await runner.rerun(pollId, reason, await chairOf(request, pollId));
    reply.status(201);
    return rerun;
  });

  app.post('/api/polls/:pollId/ballots', { onRequest: deps.requireLogin }, async (request): Promise<BallotReceipt> => {
    const { pollId } = parseInput(PollParams, request.params);
    const { option } = parseInput(BallotRequest, request.body);
    const { meeting, role } = await standingInPoll(request, pollId, VOTING_ROLES, true);
    // An administrator passes the meeting check as a secretary; only delegates hold a ballot.
    if (!VOTING_ROLES.includes(role)) throw new HttpError(403, 'forbidden', 'only the delegates and the chair vote');
    return runner.cast(meeting.id, pollId, principalOf(request).userId, option);
  });

  const resultFor = async (request: FastifyRequest): Promise<SignedPollResult> => {
    const { pollId } = parseInput(PollParams, request.params);
    await standingInPoll(request, pollId, MeetingRole.options, false);
    return signedResultOf(db, key, pollId);
  };

  app.get('/api/polls/:pollId/result', { onRequest: deps.requireLogin }, resultFor);

  app.get('/api/polls/:pollId/result.json', { onRequest: deps.requireLogin }, async (request, reply) => {
    const signed = await resultFor(request);
    return reply
      .header('content-disposition', `attachment; filename="bieu-quyet-${signed.result.pollId}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(signed, null, 2));
  });

  app.get('/api/polls/:pollId/result.csv', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { result } = await resultFor(request);
    return reply
      .header('content-disposition', `attachment; filename="bieu-quyet-${result.pollId}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(resultCsv(result));
  });
}
