/**
 * One measurement of the fan-out benchmark: one system, N receivers.
 * Set up the receivers, warm up, then over the window: the SFU's CPU (and
 * everyone else's), each receiver's packets and sequence gaps, the host's
 * layers as it sent them, socket-buffer drops; tear down.
 */
import { round, spread } from '../lib/stats.ts';
import { backlogDrops, descendants, socketInodes, startCpuWindow, udpDrops, type CpuWindowResult } from './cpu.ts';
import type { JanusSide } from './janus-side.ts';
import type { MediasoupSide } from './mediasoup-side.ts';
import type { Publisher, SendingStats, System } from './publisher.ts';
import type { KindCounters, RtpSinks, SinkSnapshot } from './rtp-sink.ts';

export const LOSS_LIMIT_PCT = 1;
export const CPU_LIMIT_PCT = 85;

export interface Bench {
  mediasoup: MediasoupSide;
  janus: JanusSide;
  sinks: RtpSinks;
  publisher: Publisher;
  srtp: boolean;
  warmupSeconds: number;
  measureSeconds: number;
}

export interface LayerRate {
  rid: string;
  resolution: string;
  fps: number;
  kbps: number;
  packetsPerSecond: number;
  packets: number;
  qualityLimitation: string;
}

export interface StepResult {
  run: number;
  system: System;
  n: number;
  /** The host as it sent during the window (its top layer first). */
  publisher: { waitedMs: number; layers: LayerRate[]; audioKbps: number; degraded: string | null };
  /** Measurements taken for this step (more than one when the load machine limited the first). */
  attempts: number;
  /** Before the step: how long it waited for other people's load to drop, and that load (% of one core). */
  othersBefore: { waitedMs: number; othersPct: number };
  setupMs: number;
  receivers: {
    withVideo: number;
    /** Receivers whose video packet count over the window is ≥ 90 % of what the host sent on its top layer. */
    onTopLayer: number;
    /** mediasoup only: video consumers whose current layers are spatial 2, temporal 2 at the end of the window. */
    consumersOnTopLayer?: number;
    /** Per receiver, audio and video together, %; a receiver missing audio or video counts 100. */
    lossPct: ReturnType<typeof spread> | null;
    videoLossPct: ReturnType<typeof spread> | null;
    aggregateLossPct: number;
    videoKbps: ReturnType<typeof spread> | null;
    packetsPerSecond: number;
    mbps: number;
    /** Packets of another payload type (should stay 0). */
    unexpectedPackets: number;
  };
  /**
   * Packets the kernel dropped: receive buffers full in the sinks or on the
   * SFU's ports (its ingest), and the per-core backlog full (loopback
   * delivery falling behind; the whole machine, anyone's packets).
   */
  socketDrops: { sinks: number; sfu: number; backlog: number };
  /** mediasoup only: the producers' streams (ingest loss, score). */
  ingest?: Awaited<ReturnType<MediasoupSide['ingest']>>;
  cpu: CpuWindowResult & {
    sfu: number;
    sfuUser: number;
    sfuSystem: number;
    sfuBusiestThread: number;
    /** % of the window the SFU's busiest thread was runnable but waiting for a core (starved by the rest of the machine). */
    sfuWaitedPct: number;
    /** µs of SFU CPU per second per receiver: all the SFU's CPU divided by N. */
    perReceiverUs: number | null;
    /** µs of SFU CPU per packet delivered to the sinks. */
    perPacketUs: number | null;
  };
  /** Loss (max over receivers) under 1 % and SFU CPU under 85 %. */
  withinLimits: boolean;
  /** Why this step measured the load machine rather than the SFU, if it did (the sweep stops rising). */
  benchLimited: string | null;
  /** The SFU contended for a core: it waited ≥ 5 % of the window for one, or the machine ran at ≥ 190 % of 200 %. */
  contention: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Loss of one stream over the window: expected from the sequence numbers, received counted. */
function streamWindow(before: KindCounters | undefined, after: KindCounters) {
  const received = after.packets - (before?.packets ?? 0);
  const startSeq = before && before.highestSeq >= 0 ? before.highestSeq : after.highestSeq - received;
  const expected = Math.max(received, after.highestSeq - startSeq, 0);
  return { received, expected, lost: expected - received, bytes: after.bytes - (before?.bytes ?? 0) };
}

function layerRates(before: SendingStats, after: SendingStats): LayerRate[] {
  const seconds = (after.at - before.at) / 1000;
  return after.layers.map((layer) => {
    const earlier = before.layers.find((other) => other.rid === layer.rid);
    return {
      rid: layer.rid,
      resolution: `${layer.width}x${layer.height}`,
      fps: round((layer.framesEncoded - (earlier?.framesEncoded ?? 0)) / seconds),
      kbps: round(((layer.bytesSent - (earlier?.bytesSent ?? 0)) * 8) / seconds / 1000),
      packetsPerSecond: round((layer.packetsSent - (earlier?.packetsSent ?? 0)) / seconds),
      packets: layer.packetsSent - (earlier?.packetsSent ?? 0),
      qualityLimitation: layer.qualityLimitationReason,
    };
  });
}

/**
 * Waits (up to 15 s) while other people's work keeps more than 60 % of a
 * core busy: this machine is shared, and their test runs come in bursts.
 * Returns how long it waited and their load when the step started.
 */
async function quietEnough(): Promise<{ waitedMs: number; othersPct: number }> {
  const started = Date.now();
  for (;;) {
    const window = startCpuWindow({ ours: { pids: [process.pid, ...descendants(process.pid)] } });
    await sleep(2000);
    const { others } = window.end();
    if (others <= 60 || Date.now() - started > 15_000) return { waitedMs: Date.now() - started, othersPct: others };
  }
}

async function measureOnce(bench: Bench, run: number, system: System, n: number): Promise<StepResult> {
  const { mediasoup, janus, sinks, publisher } = bench;
  // Receivers come and go while the host sends nothing: Janus 1.1.2's VideoRoom once crashed
  // (a segfault in its publisher's thread) when forwarders were added and stopped under traffic.
  await publisher.pause();
  const quiet = await quietEnough();
  const payloadTypes = mediasoup.payloadTypes;
  const ports = n > 0 ? await sinks.open(n, payloadTypes) : [];
  const setupStarted = performance.now();
  if (system === 'mediasoup') await mediasoup.addReceivers(ports, bench.srtp);
  else await janus.addReceivers(ports, payloadTypes, bench.srtp);
  const setupMs = round(performance.now() - setupStarted);
  // The camera restarts: its encoders begin with keyframes, and the receivers with them.
  const sending = await publisher.sendTo(system);
  await sleep(bench.warmupSeconds * 1000);
  // Steady state: every receiver has had video before the window opens; stragglers get 5 s more.
  for (let waited = 0; n > 0 && waited < 5; waited += 1) {
    if ((await sinks.snapshot()).receivers.every((receiver) => receiver.video.packets > 0)) break;
    await sleep(1000);
  }

  const sfuPid = system === 'mediasoup' ? mediasoup.pid : janus.pid;
  const idlePid = system === 'mediasoup' ? janus.pid : mediasoup.pid;
  const ours = new Set([mediasoup.pid, janus.pid, sinks.pid]);
  const sinkBefore: SinkSnapshot | null = n > 0 ? await sinks.snapshot() : null;
  const sfuInodes = socketInodes(sfuPid);
  const sinkInodes = socketInodes(sinks.pid);
  const dropsBefore = udpDrops();
  const backlogBefore = backlogDrops();
  const hostBefore = await publisher.stats(system);
  const cpuWindow = startCpuWindow({
    sfu: { pids: [sfuPid], threads: true },
    idleSfu: { pids: [idlePid] },
    sink: { pids: [sinks.pid] },
    bench: { pids: [process.pid] },
    chromium: { pids: descendants(process.pid).filter((pid) => !ours.has(pid)) },
  });
  await sleep(bench.measureSeconds * 1000);
  const cpu = cpuWindow.end();
  const sinkAfter: SinkSnapshot | null = n > 0 ? await sinks.snapshot() : null;
  const dropsAfter = udpDrops();
  const backlogAfter = backlogDrops();
  const hostAfter = await publisher.stats(system);
  const consumersOnTopLayer = system === 'mediasoup' && n > 0 ? mediasoup.onTopLayer() : undefined;
  const ingest = system === 'mediasoup' ? await mediasoup.ingest() : undefined;
  await publisher.pause();
  if (system === 'mediasoup') mediasoup.removeReceivers();
  else await janus.removeReceivers();
  if (n > 0) await sinks.close();

  const layers = layerRates(hostBefore, hostAfter);
  const top = layers[0];
  const camera = publisher.camera;
  const degraded =
    !top || top.resolution !== `${camera.width}x${camera.height}` || top.fps < 0.8 * camera.frameRate || layers.some((layer) => layer.fps === 0)
      ? `host sent ${layers.map((layer) => `${layer.rid} ${layer.resolution} ${layer.fps} fps (${layer.qualityLimitation})`).join(', ')}`
      : null;
  const windowSeconds = sinkBefore && sinkAfter ? (sinkAfter.at - sinkBefore.at) / 1000 : bench.measureSeconds;
  const perReceiver = (sinkAfter?.receivers ?? []).map((after) => {
    const before = sinkBefore?.receivers.find((receiver) => receiver.port === after.port);
    const audio = streamWindow(before?.audio, after.audio);
    const video = streamWindow(before?.video, after.video);
    const lossOf = (lost: number, expected: number) => (expected > 0 ? (100 * lost) / expected : 100);
    const starved = audio.received === 0 || video.received === 0;
    return {
      loss: starved ? 100 : lossOf(audio.lost + video.lost, audio.expected + video.expected),
      videoLoss: lossOf(video.lost, video.expected),
      videoKbps: (video.bytes * 8) / windowSeconds / 1000,
      videoPackets: video.received,
      packets: audio.received + video.received,
      expected: audio.expected + video.expected,
      bytes: audio.bytes + video.bytes,
    };
  });
  const packets = perReceiver.reduce((sum, receiver) => sum + receiver.packets, 0);
  const expected = perReceiver.reduce((sum, receiver) => sum + receiver.expected, 0);
  const bytes = perReceiver.reduce((sum, receiver) => sum + receiver.bytes, 0);
  const sinkPorts = new Set(sinkAfter?.receivers.map((receiver) => receiver.port));
  const socketDrops = { sinks: 0, sfu: 0, backlog: backlogAfter - backlogBefore };
  for (const [inode, { port, drops }] of dropsAfter) {
    const delta = drops - (dropsBefore.get(inode)?.drops ?? drops);
    if (sinkInodes.has(inode) || sinkPorts.has(port)) socketDrops.sinks += delta;
    else if (sfuInodes.has(inode)) socketDrops.sfu += delta;
  }

  const sfu = cpu.groups.sfu ?? 0;
  const waited = cpu.busiestThreadWaited.sfu ?? 0;
  const lossPct = perReceiver.length > 0 ? spread(perReceiver.map((receiver) => receiver.loss)) : null;
  const lossy = (lossPct?.max ?? 0) >= LOSS_LIMIT_PCT || socketDrops.sfu > 0;
  const reasons = [
    degraded,
    (cpu.groups.sink ?? 0) >= 90 && `sink process at ${cpu.groups.sink} % of a core`,
    expected > 0 && socketDrops.sinks > 0.002 * expected && `${socketDrops.sinks} packets dropped in the sinks' socket buffers`,
    expected > 0 && socketDrops.backlog > 0.002 * expected && `${socketDrops.backlog} packets dropped in the kernel's loopback backlog`,
    // Loss while the SFU, still under its CPU limit, was kept waiting for a core: the machine's doing
    // (a dedicated core would not have starved it). At the CPU limit the SFU itself is the bottleneck.
    lossy && waited >= 5 && sfu < CPU_LIMIT_PCT && `loss (${lossPct?.max ?? 0} %, ${socketDrops.sfu} drops at the SFU's socket) while the SFU waited ${waited} % of the window for a core (machine ${cpu.machine} %)`,
  ].filter((reason): reason is string => typeof reason === 'string');
  return {
    run,
    system,
    n,
    publisher: {
      waitedMs: sending.waitedMs,
      layers,
      audioKbps: round(((hostAfter.audio.bytesSent - hostBefore.audio.bytesSent) * 8) / windowSeconds / 1000),
      degraded,
    },
    attempts: 1,
    othersBefore: quiet,
    setupMs,
    receivers: {
      withVideo: perReceiver.filter((receiver) => receiver.videoPackets > 0).length,
      onTopLayer: perReceiver.filter((receiver) => (top?.packets ?? 0) > 0 && receiver.videoPackets >= 0.9 * (top?.packets ?? 0)).length,
      ...(consumersOnTopLayer !== undefined && { consumersOnTopLayer }),
      lossPct,
      videoLossPct: perReceiver.length > 0 ? spread(perReceiver.map((receiver) => receiver.videoLoss)) : null,
      aggregateLossPct: expected > 0 ? round((100 * (expected - packets)) / expected) : 0,
      videoKbps: perReceiver.length > 0 ? spread(perReceiver.map((receiver) => receiver.videoKbps)) : null,
      packetsPerSecond: round(packets / windowSeconds),
      mbps: round((bytes * 8) / windowSeconds / 1e6),
      unexpectedPackets: (sinkAfter?.otherPackets ?? 0) - (sinkBefore?.otherPackets ?? 0),
    },
    socketDrops,
    ...(ingest && { ingest }),
    cpu: {
      ...cpu,
      sfu,
      sfuUser: cpu.userSystem.sfu?.user ?? 0,
      sfuSystem: cpu.userSystem.sfu?.system ?? 0,
      sfuBusiestThread: cpu.busiestThread.sfu ?? 0,
      sfuWaitedPct: waited,
      perReceiverUs: n > 0 ? round((sfu * 10_000) / n) : null,
      perPacketUs: packets > 0 ? round(((sfu / 100) * cpu.seconds * 1e6) / packets) : null,
    },
    withinLimits: (lossPct?.max ?? 0) < LOSS_LIMIT_PCT && sfu < CPU_LIMIT_PCT,
    benchLimited: reasons.length > 0 ? reasons.join('; ') : null,
    contention: cpu.machine >= 190 || waited >= 5,
  };
}

/** One step; measured once more if the load machine rather than the SFU limited it. */
export async function measureStep(bench: Bench, run: number, system: System, n: number, log: (line: string) => void): Promise<StepResult> {
  let step = await measureOnce(bench, run, system, n);
  if (step.benchLimited) {
    log(`run ${run} ${system} N=${n}: load machine limited (${step.benchLimited}); measuring again`);
    step = await measureOnce(bench, run, system, n);
    step.attempts = 2;
  }
  return step;
}
