import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditVerdict, ServerKey } from '#protocol/audit.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { LIVE_POLLS, readPolls, type LivePoll } from '#protocol/collab/live.ts';
import { BallotReceipt, DEFAULT_POLL_RULE, PollList, PollSummary, SignedPollResult, outcomeOf, type PollDraft } from '#protocol/voting.ts';
import { verifyCanonical } from '../../sfu-server/src/identity/signatures.ts';
import { demoMeetingId } from '../support/api.ts';
import { connectCollab, waitForDoc, type CollabClient } from '../support/collab-client.ts';
import { addCouncilMembers, readStore, type CouncilMember } from '../support/council.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { expectBody, expectStatus, signedIn } from '../support/signed-in.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

let server: ServerProcess;
let meetingId: string;
/** Fifty delegates beyond the demo's five: the council of this test. */
let council: CouncilMember[];
const people = signedIn(() => server.url);
const { token, userId, request: as } = people;
/** The chair, the five demo delegates and the fifty added ones: everyone on a poll's roll. */
const ELIGIBLE = 56;

beforeAll(async () => {
  server = await startServerProcess();
  await people.signIn('thuky', 'chutoa', 'daibieu1', 'daibieu2', 'daibieu3', 'daibieu4', 'daibieu5', 'dc-dongngu');
  meetingId = await demoMeetingId(server.url, token('thuky'));
  council = await addCouncilMembers(server.dataDir, meetingId, { count: 50, prefix: 'daibieutn', role: 'delegate' });
  await addCouncilMembers(server.dataDir, meetingId, { count: 1, prefix: 'khachmoi', role: 'guest' });
  await people.signIn(...council.map((member) => member.username), 'khachmoi01');
});
afterAll(() => server.stop());

const liveDoc = () => formatDocName({ kind: 'live', meetingId });

function createPoll(draft: Partial<PollDraft> & { title: string }, username = 'thuky'): Promise<PollSummary> {
  return expectBody(PollSummary, as(username, 'POST', `/api/meetings/${meetingId}/polls`, { agendaItemId: null, ...draft }), 201);
}
const openPoll = (pollId: string) => expectBody(PollSummary, as('chutoa', 'POST', `/api/polls/${pollId}/open`));
const closePoll = (pollId: string) => expectBody(PollSummary, as('chutoa', 'POST', `/api/polls/${pollId}/close`));
const vote = (username: string, pollId: string, option: number) => as(username, 'POST', `/api/polls/${pollId}/ballots`, { option });
const resultOf = (pollId: string, username = 'daibieu1') => expectBody(SignedPollResult, as(username, 'GET', `/api/polls/${pollId}/result`));
const livePoll = (client: CollabClient, pollId: string): LivePoll | undefined => readPolls(client.doc).find((poll) => poll.id === pollId);

async function pollsOf(username = 'daibieu1'): Promise<PollSummary[]> {
  return (await expectBody(PollList, as(username, 'GET', `/api/meetings/${meetingId}/polls`))).polls;
}

interface AuditRow {
  seq: number;
  actor_id: string | null;
  action: string;
  details: string;
}
function auditOf(pollId: string): AuditRow[] {
  return readStore<AuditRow>(server.dataDir, 'SELECT seq, actor_id, action, details FROM audit_log ORDER BY seq').filter(
    (row) => (JSON.parse(row.details) as { pollId?: string }).pollId === pollId,
  );
}

/** The 50-delegate poll, closed and signed: reused by the signature, export and verifier checks. */
let councilResult: SignedPollResult;

describe('preparing and conducting a poll', () => {
  it('lets a secretary prepare a draft with the default options, which every participant sees', async () => {
    const poll = await createPoll({ title: 'Thông qua chương trình kỳ họp' });
    expect(poll).toMatchObject({
      status: 'draft',
      mode: 'named',
      options: ['Tán thành', 'Không tán thành', 'Không biểu quyết'],
      passOption: 0,
      rule: { comparison: 'more_than', numerator: 1, denominator: 2, base: 'all_delegates' },
      openedAt: null,
      rerunOf: null,
    });
    expect((await pollsOf('dc-dongngu')).map((listed) => listed.id)).toContain(poll.id);
    await createPoll({ title: 'Chủ tọa cũng chuẩn bị được' }, 'chutoa');
    await expectStatus(await as('daibieu1', 'POST', `/api/meetings/${meetingId}/polls`, { agendaItemId: null, title: 'Không được' }), 403);
  });

  it('refuses a secret poll that would allow changes or show live counts, and a pass option that does not exist', async () => {
    const path = `/api/meetings/${meetingId}/polls`;
    const secretChange = await expectStatus(await as('thuky', 'POST', path, { agendaItemId: null, title: 'Bầu', mode: 'secret', allowChange: true }), 400);
    expect(secretChange).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/secret poll/) } });
    await expectStatus(await as('thuky', 'POST', path, { agendaItemId: null, title: 'Bầu', mode: 'secret', showLiveResults: true }), 400);
    const pass = await expectStatus(await as('thuky', 'POST', path, { agendaItemId: null, title: 'Bầu', passOption: 3 }), 400);
    expect(pass).toMatchObject({ error: { message: expect.stringMatching(/passOption/) } });
    await expectStatus(await as('thuky', 'POST', path, { agendaItemId: null, title: 'Bầu', unknownField: 1 }), 400);
  });

  it('leaves opening and closing to the chair alone', async () => {
    const poll = await createPoll({ title: 'Chỉ chủ tọa mở' });
    for (const username of ['thuky', 'daibieu1', 'dc-dongngu', 'khachmoi01']) {
      await expectStatus(await as(username, 'POST', `/api/polls/${poll.id}/open`), 403);
    }
    expect(await openPoll(poll.id)).toMatchObject({ status: 'open', openedAt: expect.any(String), closesAt: null });
    await expectStatus(await as('chutoa', 'POST', `/api/polls/${poll.id}/open`), 409);
    await expectStatus(await as('thuky', 'POST', `/api/polls/${poll.id}/close`), 403);
    expect(await closePoll(poll.id)).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    await expectStatus(await as('chutoa', 'POST', `/api/polls/not-a-poll/open`), 404);
  });
});

describe('ballots', () => {
  it('counts fifty delegates voting at the same moment exactly once each, in a signed result', async () => {
    const poll = await createPoll({ title: 'Thông qua Nghị quyết điều chỉnh kế hoạch đầu tư công trung hạn 2026 – 2030' });
    await openPoll(poll.id);
    // 30 for, 15 against, 5 abstain; more than half of 56 delegates is 29.
    const choiceOf = (index: number) => (index < 30 ? 0 : index < 45 ? 1 : 2);
    const responses = await Promise.all(council.map((member, index) => vote(member.username, poll.id, choiceOf(index))));
    const receipts = await Promise.all(responses.map((response) => expectBody(BallotReceipt, Promise.resolve(response))));
    expect(receipts.every((receipt) => receipt.receipt === null && !receipt.changed)).toBe(true);
    await closePoll(poll.id);

    councilResult = await resultOf(poll.id);
    const { result } = councilResult;
    // Nobody checked in: `present` comes from attendance, and the default base (all delegates) does not need it.
    expect(result).toMatchObject({ eligible: ELIGIBLE, present: 0, cast: 50, base: ELIGIBLE, required: 29, passed: true, receipts: null, paperReport: null });
    expect(result.tallies.map((tally) => tally.count)).toEqual([30, 15, 5]);
    expect(result.tallies[0]?.percentOfBase).toBe(53.57);
    expect(result.namedChoices).toHaveLength(50);
    for (const [index, member] of council.entries()) {
      expect(result.namedChoices).toContainEqual({ voterId: member.id, name: member.displayName, option: choiceOf(index) });
    }
    const stored = readStore<{ count: number }>(server.dataDir, 'SELECT count(*) AS count FROM named_ballots WHERE poll_id = ?', poll.id);
    expect(stored[0]?.count).toBe(50);
    const closed = auditOf(poll.id).find((row) => row.action === 'poll.closed');
    expect(JSON.parse(closed?.details ?? '{}')).toMatchObject({ cast: 50, counts: [30, 15, 5], passed: true });
    expect(auditOf(poll.id).filter((row) => row.action === 'ballot.cast')).toHaveLength(50);
  });

  it('measures a "present delegates" poll against the delegates checked in', async () => {
    for (const username of ['daibieu3', 'daibieu4', 'daibieu5']) {
      expect((await as(username, 'POST', `/api/meetings/${meetingId}/attendance/check-in`, { status: 'present_hall' })).status).toBe(200);
    }
    const poll = await createPoll({ title: 'Thông qua chương trình kỳ họp', rule: { ...DEFAULT_POLL_RULE, base: 'present_delegates' } });
    await openPoll(poll.id);
    for (const username of ['daibieu3', 'daibieu4']) expect((await vote(username, poll.id, 0)).status).toBe(200);
    await closePoll(poll.id);
    // 2 of the 3 present is more than half of them.
    expect((await resultOf(poll.id)).result).toMatchObject({ present: 3, base: 3, required: 2, passed: true });
  });

  it('takes one ballot per delegate, even when the same delegate sends five at once', async () => {
    const poll = await createPoll({ title: 'Thông qua tờ trình về biên chế' });
    await openPoll(poll.id);
    expect(await expectBody(BallotReceipt, vote('daibieu1', poll.id, 0))).toEqual({ pollId: poll.id, receipt: null, changed: false });
    const again = await expectStatus(await vote('daibieu1', poll.id, 1), 409);
    expect(again).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/already voted/) } });

    const racing = await Promise.all(Array.from({ length: 5 }, () => vote('daibieu2', poll.id, 0)));
    expect(racing.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409]);
    await closePoll(poll.id);
    expect((await resultOf(poll.id)).result.cast).toBe(2);
  });

  it('refuses ballots from secretaries, sites and guests, for an unknown option, and after the close', async () => {
    const poll = await createPoll({ title: 'Thông qua danh mục dự án' });
    await openPoll(poll.id);
    for (const username of ['thuky', 'dc-dongngu', 'khachmoi01']) {
      expect(await expectStatus(await vote(username, poll.id, 0), 403)).toMatchObject({ error: { code: 'forbidden' } });
    }
    const unknown = await expectStatus(await vote('daibieu1', poll.id, 7), 400);
    expect(unknown).toMatchObject({ error: { message: expect.stringMatching(/option 7 does not exist/) } });
    await expectStatus(await vote('daibieu1', poll.id, 20), 400);
    await expectStatus(await as('daibieu1', 'POST', `/api/polls/${poll.id}/ballots`, { option: 0, extra: true }), 400);
    await closePoll(poll.id);
    const late = await expectStatus(await vote('daibieu2', poll.id, 0), 409);
    expect(late).toMatchObject({ error: { message: expect.stringMatching(/closed/) } });
    expect((await resultOf(poll.id)).result.cast).toBe(0);
  });

  it('lets a delegate change their ballot when the poll allows it, and counts it once', async () => {
    const poll = await createPoll({ title: 'Lấy ý kiến về phương án sắp xếp', allowChange: true, showLiveResults: true });
    await openPoll(poll.id);
    await expectBody(BallotReceipt, vote('daibieu1', poll.id, 0));
    expect(await expectBody(BallotReceipt, vote('daibieu1', poll.id, 1))).toEqual({ pollId: poll.id, receipt: null, changed: true });
    await expectBody(BallotReceipt, vote('daibieu2', poll.id, 1));
    await closePoll(poll.id);
    const { result } = await resultOf(poll.id);
    expect(result.cast).toBe(2);
    expect(result.tallies.map((tally) => tally.count)).toEqual([0, 2, 0]);
    expect(result.namedChoices).toContainEqual({ voterId: userId('daibieu1'), name: 'Lê Văn Hùng', option: 1 });
    expect(auditOf(poll.id).find((row) => row.action === 'ballot.changed')?.details).toMatch(/"previousOption":0/);
  });
});

describe('the live document', () => {
  it('shows progress to everyone and ignores a delegate who writes into it', async () => {
    const observer = await connectCollab(server.url, liveDoc(), token('daibieu2'));
    const forger = await connectCollab(server.url, liveDoc(), token('daibieu1'));
    const poll = await createPoll({ title: 'Thông qua báo cáo thẩm tra', showLiveResults: true });
    await openPoll(poll.id);
    await waitForDoc(observer.doc, () => livePoll(observer, poll.id)?.status === 'open');
    expect(livePoll(observer, poll.id)).toMatchObject({ voted: 0, eligible: ELIGIBLE, liveCounts: [0, 0, 0], result: null });

    await waitForDoc(forger.doc, () => livePoll(forger, poll.id)?.status === 'open');
    const published = livePoll(forger, poll.id);
    forger.doc.getMap(LIVE_POLLS).set(poll.id, { ...published, status: 'closed', voted: ELIGIBLE, liveCounts: [ELIGIBLE, 0, 0] });
    forger.doc.getMap(LIVE_POLLS).set('gia-mao', { ...published, id: 'gia-mao', title: 'Biểu quyết giả mạo' });
    // A real ballot afterwards proves the channel carried on past the forged write.
    await expectBody(BallotReceipt, vote('daibieu4', poll.id, 1));
    await waitForDoc(observer.doc, () => livePoll(observer, poll.id)?.voted === 1);
    expect(livePoll(observer, poll.id)).toMatchObject({ status: 'open', voted: 1, liveCounts: [0, 1, 0] });
    expect(observer.doc.getMap(LIVE_POLLS).has('gia-mao')).toBe(false);
    expect(server.logs().some((line) => line.includes('dropped write from read-only connection'))).toBe(true);

    const latecomer = await connectCollab(server.url, liveDoc(), token('daibieu3'));
    expect(livePoll(latecomer, poll.id)).toMatchObject({ status: 'open', voted: 1, liveCounts: [0, 1, 0] });
    expect(latecomer.doc.getMap(LIVE_POLLS).has('gia-mao')).toBe(false);

    await closePoll(poll.id);
    await waitForDoc(latecomer.doc, () => livePoll(latecomer, poll.id)?.result !== null);
    expect(livePoll(latecomer, poll.id)?.result).toEqual(outcomeOf((await resultOf(poll.id)).result));
    for (const client of [observer, forger, latecomer]) client.close();
  });
});

describe('secret ballots (bỏ phiếu kín)', () => {
  it('cannot be linked to their voters: not in the store, the audit log, the logs or the live document', async () => {
    const poll = await createPoll({ title: 'Bầu Phó Chủ tịch Hội đồng nhân dân tỉnh', mode: 'secret', options: ['Đồng ý', 'Không đồng ý', 'Phiếu trắng'] });
    await openPoll(poll.id);
    const observer = await connectCollab(server.url, liveDoc(), token('daibieu5'));
    const voters = council.slice(0, 12);
    const choices = [0, 1, 2, 0, 0, 1, 2, 0, 1, 0, 0, 2];
    // One after another, so the casting order is known.
    const receipts: string[] = [];
    for (const [index, voter] of voters.entries()) {
      const receipt = await expectBody(BallotReceipt, vote(voter.username, poll.id, choices[index] ?? 0));
      expect(receipt.receipt).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
      receipts.push(receipt.receipt ?? '');
    }
    expect(new Set(receipts).size).toBe(12);
    await expectStatus(await vote(voters[0]?.username ?? '', poll.id, 1), 409);

    await waitForDoc(observer.doc, () => livePoll(observer, poll.id)?.voted === 12);
    expect(livePoll(observer, poll.id)).toMatchObject({ mode: 'secret', eligible: ELIGIBLE, liveCounts: null, result: null });

    // The store: two tables, no common key, no time, stored in key order rather than casting order.
    const columns = (table: string) => readStore<{ name: string }>(server.dataDir, `PRAGMA table_info(${table})`).map((column) => column.name);
    expect(columns('secret_voters')).toEqual(['poll_id', 'voter_id']);
    expect(columns('secret_choices')).toEqual(['receipt', 'poll_id', 'option']);
    const definitions = readStore<{ sql: string }>(server.dataDir, "SELECT sql FROM sqlite_master WHERE name IN ('secret_voters', 'secret_choices')");
    expect(definitions).toHaveLength(2);
    for (const { sql } of definitions) expect(sql).toMatch(/without rowid\s*$/i);
    const voterRows = readStore<Record<string, string | number>>(server.dataDir, 'SELECT * FROM secret_voters WHERE poll_id = ?', poll.id);
    const allChoices = readStore<{ receipt: string; poll_id: string; option: number }>(server.dataDir, 'SELECT * FROM secret_choices');
    const choiceRows = allChoices.filter((row) => row.poll_id === poll.id);
    expect(voterRows.map((row) => row.voter_id).sort()).toEqual(voters.map((voter) => voter.id).sort());
    expect(choiceRows).toHaveLength(12);
    const choiceValues = new Set<string | number>(choiceRows.flatMap((row) => Object.values(row)));
    const shared = new Set(voterRows.flatMap((row) => Object.values(row)).filter((value) => choiceValues.has(value)));
    expect([...shared]).toEqual([poll.id]);
    const storedOrder = choiceRows.map((row) => row.receipt);
    expect(storedOrder).toEqual([...receipts].sort());
    expect(storedOrder).not.toEqual(receipts);
    expect(allChoices.map((row) => row.receipt)).toEqual(allChoices.map((row) => row.receipt).sort());

    // The audit log says who voted, never what or under which receipt.
    const ballots = auditOf(poll.id).filter((row) => row.action.startsWith('ballot.'));
    expect(ballots).toHaveLength(12);
    for (const row of ballots) expect(Object.keys(JSON.parse(row.details)).sort()).toEqual(['pollId', 'voterId']);
    const everyAuditDetail = readStore<{ details: string }>(server.dataDir, 'SELECT details FROM audit_log').map((row) => row.details).join('\n');
    const logs = server.logs().join('\n');
    for (const receipt of receipts) {
      expect(everyAuditDetail).not.toContain(receipt);
      expect(logs).not.toContain(receipt);
    }

    // The published result lists every receipt with its choice, so each voter can find theirs.
    await closePoll(poll.id);
    const { result } = await resultOf(poll.id);
    expect(result).toMatchObject({ mode: 'secret', cast: 12, namedChoices: null, paperReport: { issued: ELIGIBLE, returned: 12, valid: 12, invalid: 0 } });
    expect(result.tallies.map((tally) => tally.count)).toEqual([6, 3, 3]);
    expect(result.receipts?.map((entry) => entry.receipt)).toEqual([...receipts].sort());
    for (const [index, receipt] of receipts.entries()) expect(result.receipts).toContainEqual({ receipt, option: choices[index] });
    await waitForDoc(observer.doc, () => livePoll(observer, poll.id)?.status === 'closed');
    // The live document carries the outcome only; the receipts list comes with the signed result.
    expect(livePoll(observer, poll.id)?.result).toEqual(outcomeOf(result));
    expect(server.logs().join('\n')).not.toMatch(new RegExp(receipts.join('|')));
    observer.close();
  });
});

describe('signed results and exports', () => {
  it('verifies with the server’s public key, and a tampered result does not', async () => {
    const { publicKey } = await expectBody(ServerKey, fetch(`${server.url}/api/server-key`));
    expect(councilResult.publicKey).toBe(publicKey);
    expect(verifyCanonical(publicKey, councilResult.result, councilResult.signature)).toBe(true);
    const tampered = structuredClone(councilResult.result);
    tampered.tallies[1]!.count += 1;
    expect(verifyCanonical(publicKey, tampered, councilResult.signature)).toBe(false);
    expect(verifyCanonical(publicKey, { ...councilResult.result, passed: false }, councilResult.signature)).toBe(false);
  });

  it('has no result before the close', async () => {
    const poll = await createPoll({ title: 'Chưa có kết quả' });
    await expectStatus(await as('daibieu1', 'GET', `/api/polls/${poll.id}/result`), 404);
    await openPoll(poll.id);
    await expectStatus(await as('daibieu1', 'GET', `/api/polls/${poll.id}/result.csv`), 404);
    await closePoll(poll.id);
  });

  it('exports the result as CSV that Excel reads in Vietnamese, and as the signed JSON', async () => {
    const pollId = councilResult.result.pollId;
    const csv = await as('dc-dongngu', 'GET', `/api/polls/${pollId}/result.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines.slice(0, 4)).toEqual(['Phương án,Số phiếu,Tỷ lệ (%)', 'Tán thành,30,53.57', 'Không tán thành,15,26.79', 'Không biểu quyết,5,8.93']);
    expect(lines[5]).toBe('Đại biểu,Lựa chọn');
    expect(lines.filter((line) => line.startsWith('Đại biểu thử nghiệm'))).toHaveLength(50);

    const json = await as('daibieu1', 'GET', `/api/polls/${pollId}/result.json`);
    expect(json.headers.get('content-disposition')).toMatch(/\.json"/);
    expect(SignedPollResult.parse(await json.json())).toEqual(councilResult);
  });
});

describe('cancel and rerun', () => {
  it('records the chair’s reason for a cancel, and the cancelled poll has no result', async () => {
    const poll = await createPoll({ title: 'Thông qua quy chế làm việc' });
    await openPoll(poll.id);
    await expectBody(BallotReceipt, vote('daibieu1', poll.id, 0));
    await expectStatus(await as('thuky', 'POST', `/api/polls/${poll.id}/cancel`, { reason: 'Nhầm nội dung' }), 403);
    await expectStatus(await as('chutoa', 'POST', `/api/polls/${poll.id}/cancel`, { reason: '' }), 400);
    const reason = 'Nội dung tờ trình chưa được gửi đủ cho đại biểu';
    expect(await expectBody(PollSummary, as('chutoa', 'POST', `/api/polls/${poll.id}/cancel`, { reason }))).toMatchObject({ status: 'cancelled', cancelReason: reason });
    expect((await pollsOf()).find((listed) => listed.id === poll.id)).toMatchObject({ status: 'cancelled', cancelReason: reason });
    await expectStatus(await as('daibieu1', 'GET', `/api/polls/${poll.id}/result`), 404);
    await expectStatus(await vote('daibieu2', poll.id, 0), 409);
    const cancelled = auditOf(poll.id).find((row) => row.action === 'poll.cancelled');
    expect(JSON.parse(cancelled?.details ?? '{}')).toMatchObject({ reason, from: 'open', ballotsDiscarded: 1 });
    expect(cancelled?.actor_id).toBe(userId('chutoa'));
  });

  it('reruns a poll as a fresh draft linked to the one it repeats, with the reason on record', async () => {
    const poll = await createPoll({ title: 'Thông qua Nghị quyết về phí', mode: 'secret', durationSeconds: 60 });
    await expectStatus(await as('chutoa', 'POST', `/api/polls/${poll.id}/rerun`, { reason: 'Chưa mở thì không biểu quyết lại' }), 409);
    await openPoll(poll.id);
    await expectBody(BallotReceipt, vote('daibieu1', poll.id, 0));
    const reason = 'Sự cố thiết bị tại một số vị trí đại biểu';
    const rerun = await expectBody(PollSummary, as('chutoa', 'POST', `/api/polls/${poll.id}/rerun`, { reason }), 201);
    expect(rerun).toMatchObject({ status: 'draft', rerunOf: poll.id, title: poll.title, mode: 'secret', durationSeconds: 60 });
    expect((await pollsOf()).find((listed) => listed.id === poll.id)).toMatchObject({ status: 'cancelled', cancelReason: reason });
    expect(JSON.parse(auditOf(poll.id).find((row) => row.action === 'poll.rerun')?.details ?? '{}')).toMatchObject({ reason, rerunPollId: rerun.id });
    await openPoll(rerun.id);
    expect(await expectBody(BallotReceipt, vote('daibieu1', rerun.id, 1))).toMatchObject({ changed: false });
    await closePoll(rerun.id);
  });
});

describe('timed polls', () => {
  it('closes by itself when its time is up and publishes the result', { timeout: 25_000 }, async () => {
    const observer = await connectCollab(server.url, liveDoc(), token('daibieu1'));
    const poll = await createPoll({ title: 'Biểu quyết có giới hạn thời gian', durationSeconds: 10 });
    const opened = await openPoll(poll.id);
    expect(Date.parse(opened.closesAt ?? '') - Date.parse(opened.openedAt ?? '')).toBe(10_000);
    await expectBody(BallotReceipt, vote('daibieu2', poll.id, 0));
    await waitForDoc(observer.doc, () => livePoll(observer, poll.id)?.result != null, 15_000);
    expect(livePoll(observer, poll.id)).toMatchObject({ status: 'closed', result: { cast: 1 } });
    const closed = auditOf(poll.id).find((row) => row.action === 'poll.closed');
    expect(closed?.actor_id).toBeNull();
    expect(JSON.parse(closed?.details ?? '{}')).toMatchObject({ automatic: true });
    observer.close();
  });

  it('still closes on time after a server restart', { timeout: 25_000 }, async () => {
    const poll = await createPoll({ title: 'Biểu quyết qua lần khởi động lại', durationSeconds: 10 });
    const opened = await openPoll(poll.id);
    await server.restart();
    const deadline = Date.parse(opened.closesAt ?? '') + 5_000;
    let status = 'open';
    while (status === 'open' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await pollsOf()).find((listed) => listed.id === poll.id)?.status ?? 'missing';
    }
    expect(status).toBe('closed');
    expect((await resultOf(poll.id)).result.closedAt >= (opened.closesAt ?? '')).toBe(true);
  });
});

/** `node sfu-server/src/audit/verify-cli.ts …` as a child process: its exit code and output. */
function runVerifier(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['sfu-server/src/audit/verify-cli.ts', '--data-dir', server.dataDir, ...args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

// Last: it breaks the chain of this server's store for good.
describe('the audit chain', () => {
  it('verifies an untouched store and a saved result offline, and names the first entry changed behind the server’s back', async () => {
    const saved = join(server.dataDir, 'ket-qua.json');
    await writeFile(saved, JSON.stringify(councilResult));
    const untouched = await runVerifier('--result', saved);
    expect(untouched.output).toMatch(/audit chain OK/);
    expect(untouched.output).toMatch(/result signature OK; its audit entry is in the chain/);
    expect(untouched.code).toBe(0);

    await server.halt();
    const target = auditOf(councilResult.result.pollId).find((row) => row.action === 'ballot.cast');
    if (!target) throw new Error('no ballot entry to change');
    // Someone with raw access to the file can drop the append-only triggers; the chain still gives them away.
    const db = new DatabaseSync(join(server.dataDir, 'dien-hong.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    const forged = target.details.replace(/"option":(\d)/, (_match, option: string) => `"option":${(Number(option) + 1) % 3}`);
    expect(forged).not.toBe(target.details);
    db.prepare('UPDATE audit_log SET details = ? WHERE seq = ?').run(forged, target.seq);
    db.close();

    const broken = await runVerifier();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`audit chain BROKEN at entry ${target.seq} (hash_mismatch)`);

    await server.resume();
    const verdict = await expectBody(AuditVerdict, as('daibieu1', 'GET', '/api/audit/verify'));
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: target.seq, reason: 'hash_mismatch' });
  });
});
