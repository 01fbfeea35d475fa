/**
 * `node bench/fan-out.ts`: how many receivers one mediasoup worker serves
 * for one host, measured side by side with Janus's VideoRoom.
 *
 * One host (headless Chromium, fake camera 1280×720 at 30 fps and fake
 * microphone) publishes VP8 in the app's three simulcast layers plus opus
 * to a mediasoup 3.12 worker (mediasoup-client) and to Janus 1.1 (VideoRoom,
 * the same layers offered with rids, as janus.js does); only the system
 * being measured gets the camera. N receivers are plain RTP: per receiver a
 * mediasoup PlainTransport with audio and video consumers at the top layer,
 * or a Janus `rtp_forward` of audio and the top simulcast substream, SRTP,
 * each to its own loopback UDP socket in a sink process that counts packets
 * and sequence gaps and decodes nothing.
 *
 * For N in a rising sequence (0 = the host alone: the ingest cost), for
 * each system: set up N receivers, warm up, then over the window: the SFU
 * process's CPU from /proc (utime+stime, % of one core; user and kernel;
 * busiest thread), per-receiver loss (median, worst) and rates, the host's
 * layers as sent, kernel drops, and the CPU of everything else (sink,
 * bench, Chromium, other people's work), to tell when the load machine
 * rather than the SFU is the limit. Systems alternate within each step
 * (ABBA) and the sweep is repeated; a system stops rising in a run once it
 * crosses 1 % loss or 85 % CPU, or the load machine cannot keep up.
 *
 *   node bench/fan-out.ts [--runs 3] [--steps 0,50,100,200,300,350,400]
 *                         [--warmup 5] [--measure 10] [--no-srtp] [--budget-minutes 20]
 *
 * Needs the mediasoup worker (MEDIASOUP_WORKER_BIN where it is built from
 * Debian's libraries), Debian's chromium, and Debian's janus (installed
 * with apt-get when missing). Writes bench/results/fan-out.json and prints
 * a summary.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeResult } from './lib/stats.ts';
import { formatSummary, summarize } from './fan-out/analysis.ts';
import { JanusSide } from './fan-out/janus-side.ts';
import { ensureJanusInstalled } from './fan-out/janus-process.ts';
import { MediasoupSide } from './fan-out/mediasoup-side.ts';
import { Publisher, type System } from './fan-out/publisher.ts';
import { RtpSinks } from './fan-out/rtp-sink.ts';
import { CPU_LIMIT_PCT, LOSS_LIMIT_PCT, measureStep, type Bench, type StepResult } from './fan-out/step.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    steps: { type: 'string', default: '0,50,100,200,300,350,400' },
    warmup: { type: 'string', default: '5' },
    measure: { type: 'string', default: '10' },
    'no-srtp': { type: 'boolean', default: false },
    'budget-minutes': { type: 'string', default: '20' },
  },
});
const RUNS = Number(values.runs);
const STEPS = values.steps.split(',').map(Number);
const BUDGET_MS = Number(values['budget-minutes']) * 60_000;
const SYSTEMS: System[] = ['mediasoup', 'janus'];
const started = Date.now();
const log = (line: string) => process.stderr.write(`[fan-out ${((Date.now() - started) / 60_000).toFixed(1)} min] ${line}\n`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function describe(step: StepResult): string {
  const loss = step.receivers.lossPct;
  const cpu = step.cpu;
  return (
    `run ${step.run} ${step.system.padEnd(9)} N=${String(step.n).padStart(4)}: SFU ${cpu.sfu} % (user ${cpu.sfuUser}, kernel ${cpu.sfuSystem}, busiest thread ${cpu.sfuBusiestThread}, waited for a core ${cpu.sfuWaitedPct} %)` +
    (step.n > 0
      ? `, ${cpu.perReceiverUs} µs/s per receiver, ${cpu.perPacketUs} µs/packet, loss median ${loss?.median} % max ${loss?.max} %, ${step.receivers.onTopLayer}/${step.n} on the top layer, ${step.receivers.packetsPerSecond} pkt/s`
      : '') +
    ` | host 720p ${step.publisher.layers[0]?.fps} fps, sink ${cpu.groups.sink} %, Chromium ${cpu.groups.chromium} %, bench ${cpu.groups.bench} %, machine ${cpu.machine}/200 % (others ${cpu.others} %` +
    (cpu.busiestOthers.length > 0 ? `: ${cpu.busiestOthers.join(', ')}` : '') +
    ')' +
    (step.benchLimited ? ` | LOAD MACHINE LIMITED: ${step.benchLimited}` : '')
  );
}

// Interrupted: exit normally, so that Janus (killed on exit), the worker and Chromium go with us.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const janusVersion = ensureJanusInstalled();
const work = await mkdtemp(join(tmpdir(), 'dien-hong-bench-fan-out-'));
let mediasoup: MediasoupSide | undefined;
let janus: JanusSide | undefined;
let sinks: RtpSinks | undefined;
let publisher: Publisher | undefined;
try {
  mediasoup = await MediasoupSide.start();
  janus = await JanusSide.start(join(work, 'janus'), await freePort());
  sinks = await RtpSinks.start();
  publisher = await Publisher.open(work, mediasoup);
  await publisher.publishToMediasoup();
  janus.publisher = await publisher.publishToJanus(janus.process.url, janus.room);
  const bench: Bench = { mediasoup, janus, sinks, publisher, srtp: !values['no-srtp'], warmupSeconds: Number(values.warmup), measureSeconds: Number(values.measure) };
  log(`mediasoup worker pid ${mediasoup.pid}, Janus ${janusVersion} pid ${janus.pid}, sinks pid ${sinks.pid}; camera ${JSON.stringify(publisher.camera)}`);

  const steps: StepResult[] = [];
  let outOfTime = false;
  for (let run = 1; run <= RUNS && !outOfTime; run += 1) {
    const stopped = new Set<System>();
    // ABBA: the system measured second at one step goes first at the next; runs alternate who starts.
    let order: System[] = run % 2 === 1 ? [...SYSTEMS] : [...SYSTEMS].reverse();
    for (const n of STEPS) {
      for (const system of order) {
        if (stopped.has(system)) continue;
        if (Date.now() - started > BUDGET_MS) {
          outOfTime = true;
          break;
        }
        const step = await measureStep(bench, run, system, n, log);
        steps.push(step);
        log(describe(step));
        // Higher N is pointless once a limit is crossed or the load machine cannot keep up.
        if (n > 0 && (!step.withinLimits || step.benchLimited)) stopped.add(system);
      }
      if (outOfTime || stopped.size === SYSTEMS.length) break;
      order = [...order].reverse();
    }
  }
  if (outOfTime) log(`time budget of ${BUDGET_MS / 60_000} min reached: the sweep stopped early`);

  const summary = summarize(steps, { steps: STEPS, runs: RUNS });
  const chromium = spawnSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const camera = publisher.camera;
  const path = await writeResult('fan-out', {
    benchmark: 'fan-out',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 2 ** 30), kernel: release(), node: process.version, chromium },
    setup: {
      host: `Chromium fake camera ${camera.width}x${camera.height} @ ${camera.frameRate} fps + fake microphone; VP8 simulcast 180p/360p/720p (150/500/1500 kbps caps, L1T3, the app's layers) + opus (FEC, no DTX); bandwidth estimate pinned ≥ 2200 kbps (x-google-min-bitrate) in both answers; only the system being measured gets the camera`,
      mediasoup: `mediasoup ${mediasoup.version} worker (one process, one thread), router with the app's ROUTER_MEDIA_CODECS; per receiver a PlainTransport with an audio and a video consumer (preferred layers spatial 2 / temporal 2; NACK/PLI/FIR negotiated, no transport-cc/REMB since the sinks send no feedback)`,
      janus: `Janus ${janusVersion} (Debian), VideoRoom and WebSocket transport only; per receiver a VideoRoom rtp_forward of audio and of the top simulcast substream (port_3; 1.1.2's single-stream simulcast forward stays on the lowest substream)`,
      receivers: `one loopback UDP socket per receiver in a sink process; ${bench.srtp ? 'SRTP AES_CM_128_HMAC_SHA1_80 from both SFUs (headers in the clear; nothing decrypted or decoded)' : 'plain RTP'}; loss from sequence numbers per stream over the window`,
      steps: STEPS,
      runs: RUNS,
      warmupSeconds: bench.warmupSeconds,
      measureSeconds: bench.measureSeconds,
      limits: { lossPct: `worst receiver < ${LOSS_LIMIT_PCT} in the median run`, sfuCpuPct: `< ${CPU_LIMIT_PCT} (of one core) in the median run` },
      order: 'per step both systems, ABBA (the second at one step goes first at the next); runs alternate which system starts; a system stops rising in a run once it crosses a limit or the load machine cannot keep up',
      cpu: 'utime+stime from /proc/<pid>/stat over the window, % of one core: mediasoup = its worker process (single-threaded); Janus = the whole process (all threads), with its busiest thread. Both include the kernel send path, which on loopback also delivers each packet into the sink socket',
      budgetMinutes: BUDGET_MS / 60_000,
      stoppedByTimeBudget: outOfTime,
    },
    summary: {
      maxN: { mediasoup: summary.perSystem.mediasoup.maxN, janus: summary.perSystem.janus.maxN },
      limitedBy: { mediasoup: summary.perSystem.mediasoup.limitedBy, janus: summary.perSystem.janus.limitedBy },
      extrapolatedMaxNByCpu: { mediasoup: summary.perSystem.mediasoup.extrapolatedMaxNByCpu, janus: summary.perSystem.janus.extrapolatedMaxNByCpu },
      janusOverMediasoup: { overall: summary.overallRatio, byN: summary.ratios },
    },
    perSystem: summary.perSystem,
    steps,
  });
  console.log(`\n${formatSummary(summary, RUNS)}\nwritten to ${path}`);
} finally {
  await publisher?.close().catch(() => undefined);
  sinks?.stop();
  await janus?.stop().catch(() => undefined);
  mediasoup?.close();
  await rm(work, { recursive: true, force: true });
}
