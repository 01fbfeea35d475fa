/**
 * `node bench/cascade.ts`: bandwidth between cascaded nodes as a district
 * node serves more sites, with a fixed stage.
 *
 * Two real server processes on loopback (tests/support/cascade.ts): the
 * province root and the Tiên Yên district node, linked and authenticated as
 * in production. The stage holds two participants on the root, the host
 * (chutoa) and one commune site (dc-doanket; Vân Đồn has no node here), both
 * publishing from headless Chromium (fake camera 1280×720 at 30 fps in the
 * app's three simulcast layers, and the fake microphone). N extra site
 * accounts of a Tiên Yên commune are routed by the root to the district node
 * (GET …/conference/route, a ticket each) and join it as real WebRTC
 * receivers: one mediasoup-client Device, `/signal` socket and transport
 * pair each, all in one Chromium page, consuming what the district node's
 * policy gives them (two cameras at the two-tile layer, two microphones);
 * they do not render, so the machine's CPU stays with the SFUs.
 *
 * For N in 1, 2, 4, 8, 16 (repeated --runs times), after a warm-up, over
 * the measurement window:
 * - the link: bytes per second the root's PipeTransport to the district
 *   sends (all of it: RTP of every simulcast layer, RTX, RTCP) and receives
 *   back, and the producers piped down (GET /api/cascade/links);
 * - the fan-out: bytes per second arriving at the N receivers' transports
 *   (what the district node sends its sites), and per site;
 * - the district node's mediasoup worker CPU (% of one core, /proc).
 *
 *   node bench/cascade.ts [--runs 3] [--steps 1,2,4,8,16] [--warmup 5] [--measure 10]
 *
 * Writes bench/results/cascade.json and prints a summary.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConferenceRoute } from '#protocol/conference.ts';
import { TokenService } from '../sfu-server/src/auth/tokens.ts';
import { loadOrCreateNodeKey } from '../sfu-server/src/identity/node-key.ts';
import { apiRequest, demoMeetingId, login } from '../tests/support/api.ts';
import { pipeOf, startCascade } from '../tests/support/cascade.ts';
import { addCouncilMembers, readStore } from '../tests/support/council.ts';
import { openParticipantsBrowser } from './cascade/participants.ts';
import { acrossRuns, formatRange, round, writeResult } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    steps: { type: 'string', default: '1,2,4,8,16' },
    warmup: { type: 'string', default: '5' },
    measure: { type: 'string', default: '10' },
  },
});
const RUNS = Number(values.runs);
const STEPS = values.steps.split(',').map(Number);
const WARMUP_MS = Number(values.warmup) * 1000;
const MEASURE_MS = Number(values.measure) * 1000;
const started = Date.now();
const log = (line: string) => process.stderr.write(`[cascade ${((Date.now() - started) / 60_000).toFixed(1)} min] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Megabits per second, two decimals. */
const mbps = (bytes: number, ms: number) => Math.round((bytes * 8) / (ms / 1000) / 1e4) / 100;

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const workerOf = (pid: number | undefined) => Number(execFileSync('pgrep', ['-P', String(pid), '-f', 'mediasoup-worker']).toString().trim().split('\n')[0]);

log('starting the province root and the Tiên Yên node');
const cascade = await startCascade([{ nodeId: 'tien-yen', units: ['Huyện Tiên Yên'], env: { LOG_LEVEL: 'warn', MEDIASOUP_WORKERS: '1' } }], {
  rootEnv: { LOG_LEVEL: 'warn', MEDIASOUP_WORKERS: '1' },
});
const work = await mkdtemp(join(tmpdir(), 'dien-hong-bench-cascade-'));
const browser = await openParticipantsBrowser(work);
try {
  const root = cascade.root;
  const district = cascade.child('tien-yen');
  const host = await login(root.url, 'chutoa');
  const stagedSite = await login(root.url, 'dc-doanket');
  const meetingId = await demoMeetingId(root.url, host.token);
  const [commune] = readStore<{ id: string }>(root.dataDir, 'SELECT id FROM units WHERE name = ?', 'Xã Đông Ngũ');
  const sites = await addCouncilMembers(root.dataDir, meetingId, { count: Math.max(...STEPS), prefix: 'dcb', role: 'site', unitId: commune?.id });
  // Real tokens from the root's own key: logging sixteen sites in would only measure scrypt.
  const tokens = new TokenService(await loadOrCreateNodeKey(root.dataDir), 3600);
  const siteTokens = await Promise.all(
    sites.map(async (site) => (await tokens.issue({ userId: site.id, username: site.username, displayName: site.displayName, role: 'site' })).token),
  );
  const route = async (token: string) => {
    const response = await apiRequest(root.url, token, 'GET', `/api/meetings/${meetingId}/conference/route`);
    if (!response.ok) throw new Error(`route: ${response.status} ${await response.text()}`);
    return ConferenceRoute.parse(await response.json());
  };

  log('publishing the host and Đoàn Kết from Chromium; both on the stage');
  for (const { token } of [host, stagedSite]) {
    const { signalUrl, ticket, nodeId } = await route(token);
    if (nodeId !== 'tinh') throw new Error(`publisher routed to ${nodeId}`);
    await browser.publishers.evaluate((options) => window.participants.join(options), { signalUrl, token, meetingId, ticket, publish: true });
  }
  const stage = await apiRequest(root.url, host.token, 'PUT', `/api/meetings/${meetingId}/conference/stage`, { userIds: [host.user.id, stagedSite.user.id] });
  if (stage.status !== 204) throw new Error(`stage: ${stage.status}`);
  await sleep(5000);

  const districtWorker = workerOf(district.pid);
  const steps: {
    run: number;
    n: number;
    /** What the two publishers send the root (every layer, audio, RTCP): one copy of the stage. */
    sourceMbps: number;
    link: { downMbps: number; upKbps: number; producersDown: number; downRtpMbpsByProducer: Record<string, number> };
    fanOut: { mbps: number; perSiteMbps: number };
    districtWorkerCpu: number;
  }[] = [];

  for (let run = 1; run <= RUNS; run += 1) {
    for (const n of STEPS) {
      for (const token of siteTokens.slice(0, n)) {
        const { signalUrl, ticket, nodeId } = await route(token);
        if (nodeId !== 'tien-yen') throw new Error(`site routed to ${nodeId}`);
        await browser.receivers.evaluate((options) => window.participants.join(options), { signalUrl, token, meetingId, ticket, publish: false });
      }
      const deadline = Date.now() + 30_000;
      for (;;) {
        const stats = await browser.receivers.evaluate(() => window.participants.stats());
        if (stats.every((site) => site.videoConsumers === 2 && site.audioConsumers === 2)) break;
        if (Date.now() > deadline) throw new Error(`receivers did not get the stage: ${JSON.stringify(stats)}`);
        await sleep(250);
      }
      await sleep(WARMUP_MS);
      const sample = async () => ({
        at: performance.now(),
        pipe: await pipeOf(root.url, 'tien-yen', meetingId),
        sites: await browser.receivers.evaluate(() => window.participants.stats()),
        publishers: await browser.publishers.evaluate(() => window.participants.stats()),
        cpu: cpuSeconds(districtWorker),
      });
      const before = await sample();
      await sleep(MEASURE_MS);
      const after = await sample();
      const elapsed = after.at - before.at;
      const received = (snapshot: typeof before) => snapshot.sites.reduce((sum, site) => sum + site.bytesReceived, 0);
      const producerBytes = new Map((before.pipe?.producersSent ?? []).map((producer) => [producer.producerId, producer.bytes]));
      const byProducer: Record<string, number> = {};
      for (const producer of after.pipe?.producersSent ?? []) {
        const label = `${producer.userId === host.user.id ? 'host' : 'site'} ${producer.source}`;
        byProducer[label] = mbps(producer.bytes - (producerBytes.get(producer.producerId) ?? 0), elapsed);
      }
      const fanOut = mbps(received(after) - received(before), elapsed);
      const published = (snapshot: typeof before) => snapshot.publishers.reduce((sum, publisher) => sum + publisher.bytesSent, 0);
      const step = {
        run,
        n,
        sourceMbps: mbps(published(after) - published(before), elapsed),
        link: {
          downMbps: mbps((after.pipe?.bytesSent ?? 0) - (before.pipe?.bytesSent ?? 0), elapsed),
          upKbps: Math.round((((after.pipe?.bytesReceived ?? 0) - (before.pipe?.bytesReceived ?? 0)) * 8) / elapsed),
          producersDown: after.pipe?.producersSent.length ?? 0,
          downRtpMbpsByProducer: byProducer,
        },
        fanOut: { mbps: fanOut, perSiteMbps: Math.round((fanOut / n) * 100) / 100 },
        districtWorkerCpu: round(((after.cpu - before.cpu) / (elapsed / 1000)) * 100),
      };
      steps.push(step);
      log(
        `run ${run} N=${String(n).padStart(2)}: stage sent ${step.sourceMbps} Mbit/s | link down ${step.link.downMbps} Mbit/s (${step.link.producersDown} producers), up ${step.link.upKbps} kbit/s | ` +
          `district → sites ${step.fanOut.mbps} Mbit/s (${step.fanOut.perSiteMbps} per site) | district worker ${step.districtWorkerCpu} % CPU`,
      );
      await browser.receivers.evaluate(() => window.participants.leaveAll());
      await sleep(2000);
    }
  }

  const summary = STEPS.map((n) => {
    const of = steps.filter((step) => step.n === n);
    return {
      n,
      sourceMbps: acrossRuns(of.map((step) => step.sourceMbps)),
      linkDownMbps: acrossRuns(of.map((step) => step.link.downMbps)),
      /** Link bytes per byte the publishers sent, in %: 100 = one copy of the stage. */
      linkPerSourcePct: acrossRuns(of.map((step) => (step.link.downMbps / step.sourceMbps) * 100)),
      linkUpKbps: acrossRuns(of.map((step) => step.link.upKbps)),
      producersDown: acrossRuns(of.map((step) => step.link.producersDown)),
      fanOutMbps: acrossRuns(of.map((step) => step.fanOut.mbps)),
      perSiteMbps: acrossRuns(of.map((step) => step.fanOut.perSiteMbps)),
      districtWorkerCpu: acrossRuns(of.map((step) => step.districtWorkerCpu)),
    };
  });
  const path = await writeResult('cascade', {
    benchmark: 'cascade',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30), kernel: release() },
    setup: {
      nodes: ['tinh (root: host, staged site)', 'tien-yen (district: N receiving sites)'],
      stage: 'host + one site, both publishing VP8 720p in three simulcast layers and opus',
      receivers: 'mediasoup-client in one headless Chromium page, not rendering',
      runs: RUNS,
      warmupSeconds: WARMUP_MS / 1000,
      measureSeconds: MEASURE_MS / 1000,
    },
    summary,
    steps,
  });
  console.log('\nInter-node bandwidth with a fixed stage (two cameras, two microphones), median [min–max] over runs:');
  console.log('  sites  stage sent               province → district link  link ÷ stage          district → sites          per site                district worker CPU');
  for (const row of summary) {
    console.log(
      `  ${String(row.n).padStart(5)}  ${formatRange(row.sourceMbps, 'Mbit/s').padEnd(23)}  ${formatRange(row.linkDownMbps, 'Mbit/s').padEnd(24)}  ${formatRange(row.linkPerSourcePct, '%').padEnd(20)}  ${formatRange(row.fanOutMbps, 'Mbit/s').padEnd(24)}  ${formatRange(row.perSiteMbps, 'Mbit/s').padEnd(22)}  ${formatRange(row.districtWorkerCpu, '%')}`,
    );
  }
  console.log(`\nwritten to ${path}`);
} finally {
  await browser.close();
  await cascade.stop();
  await rm(work, { recursive: true, force: true });
}
