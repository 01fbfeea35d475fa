/**
 * 2,000 delegates voting at once, on loopback:
 *
 *   node bench/vote-burst.ts [--delegates 2000] [--runs 3]
 *
 * A real server process (tests/support/server-process.ts) gets N extra
 * delegates in its meeting. Each simulated delegate is a real client: a
 * stock y-websocket connection to the meeting's live document (where the
 * result appears) and its own HTTP connection for the ballot command. For
 * each run the chair opens a named poll, all delegates cast in one burst,
 * the chair closes it, and the script measures:
 *
 * - ballots accepted per second (first request sent → last reply received);
 * - from the close request to each client holding the final result in its
 *   live document: p50 and p99 over all clients;
 * - that no ballot and no result is lost (every reply 200, the signed result
 *   counts N ballots, every client sees it).
 *
 * Writes bench/results/vote-burst.json and prints a summary.
 */
import { parseArgs } from 'node:util';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { LIVE_POLLS } from '#protocol/collab/live.ts';
import { PollSummary, SignedPollResult } from '#protocol/voting.ts';
import { loadOrCreateNodeKey } from '../sfu-server/src/identity/node-key.ts';
import { TokenService } from '../sfu-server/src/auth/tokens.ts';
import { demoMeetingId, login } from '../tests/support/api.ts';
import { addCouncilMembers, type CouncilMember } from '../tests/support/council.ts';
import { startServerProcess } from '../tests/support/server-process.ts';
import { acrossRuns, formatRange, round, spread, writeResult } from './lib/stats.ts';

const { values } = parseArgs({ options: { delegates: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } } });
const DELEGATES = Number(values.delegates);
// Every y-websocket provider adds a process exit listener; thousands are expected here.
process.setMaxListeners(0);
const RUNS = Number(values.runs);

const server = await startServerProcess({ LOG_LEVEL: 'warn', COLLAB_IDLE_SECONDS: '30' });
const chair = (await login(server.url, 'chutoa')).token;
const meetingId = await demoMeetingId(server.url, chair);
console.log(`server ${server.url}; adding ${DELEGATES} delegates…`);
const council: CouncilMember[] = await addCouncilMembers(server.dataDir, meetingId, { count: DELEGATES, prefix: 'db', role: 'delegate' });

// Real tokens from the server's own key: logging 2,000 people in would only measure scrypt.
const tokens = new TokenService(await loadOrCreateNodeKey(server.dataDir), 3600);
const delegateTokens = await Promise.all(
  council.map(async (member) => (await tokens.issue({ userId: member.id, username: member.username, displayName: member.displayName, role: 'delegate' })).token),
);

// fetch's default dispatcher opens as many connections as there are requests in flight, as separate devices would.
const api = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });

console.log('connecting the delegates to the live document…');
const liveDoc = formatDocName({ kind: 'live', meetingId });
const clients = await Promise.all(
  delegateTokens.map(
    (token) =>
      new Promise<{ doc: Y.Doc; provider: WebsocketProvider }>((resolve) => {
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/collab`, liveDoc, doc, {
          params: { token },
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          maxBackoffTime: 1000,
        });
        provider.once('sync', () => resolve({ doc, provider }));
      }),
  ),
);

async function run(index: number) {
  const created = PollSummary.parse(
    await (await api(chair, 'POST', `/api/meetings/${meetingId}/polls`, { agendaItemId: null, title: `Biểu quyết thử tải số ${index + 1}` })).json(),
  );
  await api(chair, 'POST', `/api/polls/${created.id}/open`);

  const started = performance.now();
  const statuses = await Promise.all(delegateTokens.map((token, at) => api(token, 'POST', `/api/polls/${created.id}/ballots`, { option: at % 3 }).then((response) => response.status)));
  const burstMs = performance.now() - started;
  const accepted = statuses.filter((status) => status === 200).length;

  const arrivals = clients.map(
    ({ doc }) =>
      new Promise<number>((resolve) => {
        // A cheap look at the raw entry: thousands of clients share this one process (the real ones are separate devices).
        const entry = () => doc.getMap<{ status?: string; result?: unknown }>(LIVE_POLLS).get(created.id);
        const check = () => {
          const poll = entry();
          if (poll?.status === 'closed' && poll.result) {
            doc.off('update', check);
            resolve(performance.now());
          }
        };
        doc.on('update', check);
        check();
      }),
  );
  const closing = performance.now();
  await api(chair, 'POST', `/api/polls/${created.id}/close`);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000));
  const seen = await Promise.race([Promise.all(arrivals), timeout]);
  const signed = SignedPollResult.parse(await (await api(chair, 'GET', `/api/polls/${created.id}/result`)).json());
  const delivery = seen === 'timeout' ? null : spread(seen.map((at) => at - closing));
  const outcome = {
    accepted,
    rejected: DELEGATES - accepted,
    counted: signed.result.cast,
    ballotsPerSecond: round(accepted / (burstMs / 1000)),
    burstMs: round(burstMs),
    resultDeliveryMs: delivery,
    clientsWithResult: seen === 'timeout' ? 'timeout' : seen.length,
  };
  console.log(`run ${index + 1}: ${JSON.stringify(outcome)}`);
  return outcome;
}

const runs = [];
for (let index = 0; index < RUNS; index += 1) runs.push(await run(index));

for (const { provider, doc } of clients) {
  provider.destroy();
  doc.destroy();
}
await server.stop();

const lost = runs.some((one) => one.accepted !== DELEGATES || one.counted !== DELEGATES || one.clientsWithResult !== DELEGATES);
const summary = {
  ballotsPerSecond: acrossRuns(runs.map((one) => one.ballotsPerSecond)),
  burstMs: acrossRuns(runs.map((one) => one.burstMs)),
  resultDeliveryP50Ms: acrossRuns(runs.map((one) => one.resultDeliveryMs?.median ?? Number.NaN)),
  resultDeliveryP99Ms: acrossRuns(runs.map((one) => one.resultDeliveryMs?.p99 ?? Number.NaN)),
  nothingLost: !lost,
};
const path = await writeResult('vote-burst', {
  benchmark: 'vote-burst',
  date: new Date().toISOString(),
  machine: { cores: (await import('node:os')).availableParallelism(), node: process.version },
  setup: {
    delegates: DELEGATES,
    runs: RUNS,
    transport: 'loopback; a y-websocket connection per delegate; ballots over HTTP, one connection per request in flight',
    rule: 'named poll, default options',
    note: 'all clients run in this one Node process on the same machine as the server, so delivery times include the clients decoding the update one after another',
  },
  summary,
  runs,
});
console.log(`
vote burst: ${DELEGATES} delegates, ${RUNS} runs (median across runs, range in brackets)
  ballots accepted          ${formatRange(summary.ballotsPerSecond, 'ballots/s')} (burst ${formatRange(summary.burstMs, 'ms')})
  close → result on screen  p50 ${formatRange(summary.resultDeliveryP50Ms, 'ms')}, p99 ${formatRange(summary.resultDeliveryP99Ms, 'ms')}
  lost                      ${summary.nothingLost ? 'none' : 'SOME BALLOTS OR RESULTS WERE LOST'}
written to ${path}`);
process.exit(lost ? 1 : 0);
