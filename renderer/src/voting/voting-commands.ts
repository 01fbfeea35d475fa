import { BallotReceipt, PollList, PollSummary, SignedPollResult, type BallotRequest, type PollDraft } from '#protocol/voting.ts';
import { apiFetch, apiRequest } from '../api/http.ts';

/*
 * Requests about polls. The server opens, counts, closes and signs; progress
 * and results reach every screen through the live document.
 */

/** POST /api/meetings/:meetingId/polls (chair or secretary): a poll in draft, opened later by the chair. */
export function createPoll(meetingId: string, token: string, draft: PollDraft): Promise<PollSummary> {
  return apiRequest(PollSummary, `/api/meetings/${meetingId}/polls`, { token, method: 'POST', body: draft });
}

/** GET /api/meetings/:meetingId/polls: every poll with its settings (rule, timer, whether ballots may change). */
export function listPolls(meetingId: string, token: string): Promise<PollList> {
  return apiRequest(PollList, `/api/meetings/${meetingId}/polls`, { token });
}

/** POST /api/polls/:pollId/open or /close (chair). */
export function changePollState(pollId: string, token: string, change: 'open' | 'close'): Promise<PollSummary> {
  return apiRequest(PollSummary, `/api/polls/${pollId}/${change}`, { token, method: 'POST' });
}

/** POST /api/polls/:pollId/cancel or /rerun (chair), with the reason for the minutes. */
export async function cancelOrRerunPoll(pollId: string, token: string, action: 'cancel' | 'rerun', reason: string): Promise<void> {
  await apiFetch(`/api/polls/${pollId}/${action}`, { token, method: 'POST', body: { reason } });
}

/** POST /api/polls/:pollId/ballots: this delegate's ballot; secret polls answer with a receipt code. */
export function castBallot(pollId: string, token: string, request: BallotRequest): Promise<BallotReceipt> {
  return apiRequest(BallotReceipt, `/api/polls/${pollId}/ballots`, { token, method: 'POST', body: request });
}

/**
 * GET /api/polls/:pollId/result: the signed result. `raw` is the body exactly
 * as received, since the signature covers every field the server sent,
 * including any this client's schema does not know.
 */
export async function loadSignedResult(pollId: string, token: string): Promise<{ raw: unknown; signed: SignedPollResult }> {
  const response = await apiFetch(`/api/polls/${pollId}/result`, { token });
  const raw: unknown = await response.json();
  return { raw, signed: SignedPollResult.parse(raw) };
}

/** GET /api/polls/:pollId/result.csv or result.json: the published result as a file. */
export async function downloadResult(pollId: string, token: string, format: 'csv' | 'json'): Promise<Uint8Array> {
  const response = await apiFetch(`/api/polls/${pollId}/result.${format}`, { token });
  return new Uint8Array(await response.arrayBuffer());
}
