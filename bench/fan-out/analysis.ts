/**
 * Across runs: per system and N, medians and ranges; the largest N within
 * the limits; CPU per receiver; Janus / mediasoup ratios paired within a
 * run at equal N.
 */
import { acrossRuns, formatRange, round } from '../lib/stats.ts';
import type { System } from './publisher.ts';
import { CPU_LIMIT_PCT, LOSS_LIMIT_PCT, type StepResult } from './step.ts';

type Range = ReturnType<typeof acrossRuns>;

export interface StepSummary {
  n: number;
  runs: number;
  sfuCpuPct: Range;
  sfuUserPct: Range;
  sfuSystemPct: Range;
  sfuBusiestThreadPct: Range;
  sfuWaitedPct: Range;
  /** All SFU CPU / N, µs per second per receiver. */
  perReceiverUs: Range | null;
  /** (SFU CPU at N − at 0, same run) / N: what one more receiver costs, µs per second. */
  marginalPerReceiverUs: Range | null;
  perPacketUs: Range | null;
  maxLossPct: Range | null;
  medianLossPct: Range | null;
  onTopLayer: Range | null;
  packetsPerSecond: Range;
  mbps: Range;
  hostTopLayerFps: Range;
  sinkCpuPct: Range;
  chromiumCpuPct: Range;
  benchCpuPct: Range;
  machineCpuPct: Range;
  othersCpuPct: Range;
  benchLimitedRuns: number;
  /** Runs where the SFU waited ≥ 5 % of the window for a core, or the machine ran at ≥ 190 % of 200 %. */
  contendedRuns: number;
}

export interface SystemSummary {
  maxN: number;
  limitedBy: string;
  /** The CPU limit extrapolated linearly from the marginal cost at the largest valid N (not measured). */
  extrapolatedMaxNByCpu: number | null;
  steps: StepSummary[];
}

export interface Ratio {
  /** 0: every N > 0 pooled. */
  n: number;
  runs: number;
  /** Janus process CPU / mediasoup worker CPU (= per receiver, at equal N). */
  cpu: Range;
  marginalPerReceiver: Range | null;
  perPacket: Range | null;
  /** User time only: the servers' own code, without the kernel's send path. */
  userCpu: Range;
}

const defined = (values: (number | null | undefined)[]) => values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
const optional = (values: (number | null | undefined)[]) => (defined(values).length > 0 ? acrossRuns(defined(values)) : null);
/** The median the way the sweep judges a step: the lower middle value. */
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1] ?? Number.POSITIVE_INFINITY;

export function summarize(steps: StepResult[], config: { steps: number[]; runs: number }) {
  const at = (system: System, n: number) => steps.filter((step) => step.system === system && step.n === n);
  const baseline = (system: System, run: number) => steps.find((step) => step.system === system && step.run === run && step.n === 0)?.cpu.sfu;
  const marginalUs = (step: StepResult) => {
    const idle = baseline(step.system, step.run);
    return step.n > 0 && idle !== undefined ? round(((step.cpu.sfu - idle) * 10_000) / step.n) : null;
  };

  const perSystem = {} as Record<System, SystemSummary>;
  for (const system of ['mediasoup', 'janus'] as const) {
    const rows: StepSummary[] = config.steps
      .filter((n) => at(system, n).length > 0)
      .map((n) => {
        const measured = at(system, n);
        const receivers = n > 0;
        return {
          n,
          runs: measured.length,
          sfuCpuPct: acrossRuns(measured.map((step) => step.cpu.sfu)),
          sfuUserPct: acrossRuns(measured.map((step) => step.cpu.sfuUser)),
          sfuSystemPct: acrossRuns(measured.map((step) => step.cpu.sfuSystem)),
          sfuBusiestThreadPct: acrossRuns(measured.map((step) => step.cpu.sfuBusiestThread)),
          sfuWaitedPct: acrossRuns(measured.map((step) => step.cpu.sfuWaitedPct)),
          perReceiverUs: receivers ? optional(measured.map((step) => step.cpu.perReceiverUs)) : null,
          marginalPerReceiverUs: receivers ? optional(measured.map(marginalUs)) : null,
          perPacketUs: receivers ? optional(measured.map((step) => step.cpu.perPacketUs)) : null,
          maxLossPct: receivers ? acrossRuns(measured.map((step) => step.receivers.lossPct?.max ?? 100)) : null,
          medianLossPct: receivers ? acrossRuns(measured.map((step) => step.receivers.lossPct?.median ?? 100)) : null,
          onTopLayer: receivers ? acrossRuns(measured.map((step) => step.receivers.onTopLayer)) : null,
          packetsPerSecond: acrossRuns(measured.map((step) => step.receivers.packetsPerSecond)),
          mbps: acrossRuns(measured.map((step) => step.receivers.mbps)),
          hostTopLayerFps: acrossRuns(measured.map((step) => step.publisher.layers[0]?.fps ?? 0)),
          sinkCpuPct: acrossRuns(measured.map((step) => step.cpu.groups.sink ?? 0)),
          chromiumCpuPct: acrossRuns(measured.map((step) => step.cpu.groups.chromium ?? 0)),
          benchCpuPct: acrossRuns(measured.map((step) => step.cpu.groups.bench ?? 0)),
          machineCpuPct: acrossRuns(measured.map((step) => step.cpu.machine)),
          othersCpuPct: acrossRuns(measured.map((step) => step.cpu.others)),
          benchLimitedRuns: measured.filter((step) => step.benchLimited).length,
          contendedRuns: measured.filter((step) => step.contention).length,
        };
      });

    // The largest N whose median run stays under both limits, every smaller N too. A run that stopped
    // rising at a limit counts as failing the higher N; one stopped by the load machine does not count.
    const stoppedAtLimit = (run: number, n: number) =>
      steps.some((step) => step.system === system && step.run === run && step.n < n && step.n > 0 && !step.withinLimits && !step.benchLimited);
    let maxN = 0;
    let limitedBy = 'the largest step of the sweep';
    for (const n of config.steps.filter((step) => step > 0)) {
      const measured = at(system, n);
      const valid = measured.filter((step) => !step.benchLimited);
      const failedEarlier = Array.from({ length: config.runs }, (_, index) => index + 1).filter(
        (run) => !measured.some((step) => step.run === run) && stoppedAtLimit(run, n),
      );
      const judged = [...valid.map((step) => ({ loss: step.receivers.lossPct?.max ?? 100, cpu: step.cpu.sfu })), ...failedEarlier.map(() => ({ loss: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY }))];
      if (judged.length === 0) {
        limitedBy =
          measured.length > 0
            ? `the load machine at N=${n} in every run: ${measured[0]?.benchLimited}`
            : `nothing measured at N=${n} (the time budget, or the load machine stopped every run earlier)`;
        break;
      }
      const loss = medianOf(judged.map((one) => one.loss));
      const cpu = medianOf(judged.map((one) => one.cpu));
      if (loss >= LOSS_LIMIT_PCT || cpu >= CPU_LIMIT_PCT) {
        const contention = valid.filter((step) => step.contention).length > valid.length / 2 ? ', the SFU contending for a core' : '';
        limitedBy = cpu >= CPU_LIMIT_PCT ? `SFU CPU ${cpu} % at N=${n}${contention}` : `loss ${loss} % (worst receiver, median run) at N=${n}${contention}`;
        break;
      }
      maxN = n;
    }
    const largest = rows.find((row) => row.n === maxN);
    const idle = rows.find((row) => row.n === 0)?.sfuCpuPct.median;
    const marginal = largest?.marginalPerReceiverUs?.median;
    const extrapolatedMaxNByCpu = marginal && marginal > 0 && idle !== undefined ? Math.floor(((CPU_LIMIT_PCT - idle) * 10_000) / marginal) : null;
    perSystem[system] = { maxN, limitedBy, extrapolatedMaxNByCpu, steps: rows };
  }

  // Janus / mediasoup, paired within a run at equal N, where both measured the SFU (not the load machine).
  type Pair = { cpu: number; marginal: number | null; perPacket: number | null; user: number };
  const pairsAt = (n: number): Pair[] =>
    Array.from({ length: config.runs }, (_, index) => index + 1)
      .map((run) => {
        const m = steps.find((step) => step.system === 'mediasoup' && step.n === n && step.run === run && !step.benchLimited);
        const j = steps.find((step) => step.system === 'janus' && step.n === n && step.run === run && !step.benchLimited);
        if (!m || !j) return null;
        const marginalM = marginalUs(m);
        const marginalJ = marginalUs(j);
        return {
          cpu: j.cpu.sfu / m.cpu.sfu,
          marginal: marginalM && marginalJ ? marginalJ / marginalM : null,
          perPacket: m.cpu.perPacketUs && j.cpu.perPacketUs ? j.cpu.perPacketUs / m.cpu.perPacketUs : null,
          user: j.cpu.sfuUser / m.cpu.sfuUser,
        };
      })
      .filter((pair) => pair !== null);
  // Ratios keep two decimals (the shared helpers round to one).
  const ratioRange = (values: (number | null)[]): Range | null => {
    const known = defined(values);
    if (known.length === 0) return null;
    const { median, min, max } = acrossRuns(known.map((value) => value * 100));
    return { median: Math.round(median) / 100, min: Math.round(min) / 100, max: Math.round(max) / 100 };
  };
  const ratioOf = (n: number, pairs: Pair[]): Ratio | null =>
    pairs.length === 0
      ? null
      : {
          n,
          runs: pairs.length,
          cpu: ratioRange(pairs.map((pair) => pair.cpu))!,
          marginalPerReceiver: ratioRange(pairs.map((pair) => pair.marginal)),
          perPacket: ratioRange(pairs.map((pair) => pair.perPacket)),
          userCpu: ratioRange(pairs.map((pair) => pair.user))!,
        };
  const receiverSteps = config.steps.filter((step) => step > 0);
  const ratios = receiverSteps.map((n) => ratioOf(n, pairsAt(n))).filter((ratio) => ratio !== null);
  const overallRatio = ratioOf(0, receiverSteps.flatMap(pairsAt));
  return { perSystem, ratios, overallRatio };
}

/** The readable summary printed at the end. */
export function formatSummary(summary: ReturnType<typeof summarize>, runs: number): string {
  const range = (value: Range | null, unit: string) => (value ? formatRange(value, unit) : '–');
  const lines = [`Fan-out: one host (720p VP8 simulcast + opus) to N plain RTP receivers, ${runs} runs (median across runs, range in brackets)`];
  for (const system of ['mediasoup', 'janus'] as const) {
    const { maxN, limitedBy, extrapolatedMaxNByCpu, steps } = summary.perSystem[system];
    lines.push(
      `  ${system}: max N ${maxN} (then: ${limitedBy})${extrapolatedMaxNByCpu ? `; ${CPU_LIMIT_PCT} % CPU extrapolated from the marginal cost at N=${maxN}: N ≈ ${extrapolatedMaxNByCpu}` : ''}`,
    );
    for (const row of steps) {
      const notes = [
        row.benchLimitedRuns > 0 && `load machine limited in ${row.benchLimitedRuns} run(s)`,
        row.contendedRuns > 0 && `SFU contended for a core in ${row.contendedRuns} run(s)`,
      ].filter(Boolean);
      lines.push(
        `    N=${String(row.n).padStart(4)}  SFU ${range(row.sfuCpuPct, '%')} (user ${row.sfuUserPct.median}, kernel ${row.sfuSystemPct.median})` +
          (row.n > 0
            ? `  per receiver ${range(row.perReceiverUs, 'µs/s')}, marginal ${range(row.marginalPerReceiverUs, 'µs/s')}, ${range(row.perPacketUs, 'µs/packet')}` +
              `  max loss ${range(row.maxLossPct, '%')}  ${range(row.packetsPerSecond, 'pkt/s')}`
            : '') +
          `  | host 720p ${row.hostTopLayerFps.median} fps, sink ${row.sinkCpuPct.median} %, Chromium ${row.chromiumCpuPct.median} %, machine ${row.machineCpuPct.median}/200 % (others ${row.othersCpuPct.median} %)` +
          (notes.length > 0 ? `  [${notes.join('; ')}]` : ''),
      );
    }
  }
  lines.push('  Janus / mediasoup CPU at equal N (the whole Janus process / the one mediasoup worker; paired within runs):');
  for (const ratio of [...summary.ratios, ...(summary.overallRatio ? [summary.overallRatio] : [])]) {
    lines.push(
      `    ${ratio.n === 0 ? 'all N ' : `N=${String(ratio.n).padStart(4)}`}  CPU ${formatRange(ratio.cpu, '×')}, marginal per receiver ${range(ratio.marginalPerReceiver, '×')}, per packet ${range(ratio.perPacket, '×')}, user time ${formatRange(ratio.userCpu, '×')} (${ratio.runs} pair(s))`,
    );
  }
  return lines.join('\n');
}
