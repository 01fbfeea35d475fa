/**
 * CPU accounting from /proc, in clock ticks turned into "% of one core"
 * over a window: a process's utime+stime (for a multi-threaded process,
 * /proc/<pid>/stat sums all its threads), its busiest thread, the whole
 * machine (/proc/stat), and UDP receive-buffer drops per socket
 * (/proc/net/udp) and backlog drops (/proc/net/softnet_stat), which tell
 * loss in the load machine's kernel and sinks from loss in the SFU.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64

/** Fields after the `(comm)` of a /proc stat line: [state, ppid, …]; utime and stime are the 12th and 13th. */
function statFields(path: string): string[] | null {
  try {
    const line = readFileSync(path, 'utf8');
    return line.slice(line.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function userSystemTicks(path: string): { user: number; system: number } | null {
  const fields = statFields(path);
  return fields ? { user: Number(fields[11]), system: Number(fields[12]) } : null;
}

function ticks(path: string): number | null {
  const both = userSystemTicks(path);
  return both ? both.user + both.system : null;
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Every live process descending from `root` (not `root` itself). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const ppid = Number(statFields(`/proc/${pid}/stat`)?.[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(pid);
  }
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

interface ProcessSample {
  user: number;
  system: number;
  /** Per thread: CPU ticks and nanoseconds spent runnable but waiting for a core (/proc/…/schedstat). */
  threads: Map<number, { ticks: number; waitNs: number }>;
}

function waitNs(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8').split(' ')[1] ?? 0);
  } catch {
    return 0;
  }
}

function sampleProcess(pid: number, withThreads: boolean): ProcessSample {
  const threads: ProcessSample['threads'] = new Map();
  if (withThreads) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        threads.set(Number(tid), { ticks: ticks(`/proc/${pid}/task/${tid}/stat`) ?? 0, waitNs: waitNs(`/proc/${pid}/task/${tid}/schedstat`) });
      }
    } catch {
      // gone
    }
  }
  return { ...(userSystemTicks(`/proc/${pid}/stat`) ?? { user: 0, system: 0 }), threads };
}

/** Busy and total jiffies of all cores (busy = all but idle and iowait). */
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const numbers = values.map(Number);
  const total = numbers.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: total - (numbers[3] ?? 0) - (numbers[4] ?? 0), total };
}

/** Packets dropped because the backlog queue of a core was full (the loopback device's receive side), all cores. */
export function backlogDrops(): number {
  return readFileSync('/proc/net/softnet_stat', 'utf8')
    .trim()
    .split('\n')
    .reduce((sum, line) => sum + Number.parseInt(line.trim().split(/\s+/)[1] ?? '0', 16), 0);
}

/** Receive-buffer drops per UDP socket (the `drops` column of /proc/net/udp), with its local port, by socket inode. */
export function udpDrops(): Map<number, { port: number; drops: number }> {
  const sockets = new Map<number, { port: number; drops: number }>();
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 13) continue;
    sockets.set(Number(fields[9]), { port: Number.parseInt(fields[1]!.split(':')[1]!, 16), drops: Number(fields.at(-1)) });
  }
  return sockets;
}

/** The inodes of the sockets a process holds open. */
export function socketInodes(pid: number): Set<number> {
  const inodes = new Set<number>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode) inodes.add(Number(inode));
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // gone
  }
  return inodes;
}

export interface CpuWindowResult {
  seconds: number;
  /** % of one core per named group (a group: one or more processes, all their threads). */
  groups: Record<string, number>;
  /** % of one core of the busiest thread of each group measured with threads. */
  busiestThread: Record<string, number>;
  /**
   * How long that busiest thread was runnable but waiting for a core, % of
   * the window: zero on an idle machine; the SFU being starved by others.
   */
  busiestThreadWaited: Record<string, number>;
  /** The same groups split into user and kernel (system) time. */
  userSystem: Record<string, { user: number; system: number }>;
  /** All cores together, % of one core (2 cores: up to 200). */
  machine: number;
  /** The machine minus our groups: other people's work on the shared machine (and kernel threads). */
  others: number;
  /** The busiest processes outside our groups, `comm (pid): %`. */
  busiestOthers: string[];
}

/** Ticks of every process on the machine. */
function allProcesses(): Map<number, number> {
  const all = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const value = ticks(`/proc/${pid}/stat`);
    if (value !== null) all.set(pid, value);
  }
  return all;
}

/** Starts a window over named groups of pids; `end()` returns the CPU each used meanwhile. */
export function startCpuWindow(groups: Record<string, { pids: number[]; threads?: boolean }>): { end(): CpuWindowResult } {
  const started = performance.now();
  const machineStart = machineTicks();
  const everyoneStart = allProcesses();
  const before = Object.fromEntries(Object.entries(groups).map(([name, group]) => [name, group.pids.map((pid) => sampleProcess(pid, group.threads ?? false))]));
  return {
    end(): CpuWindowResult {
      const seconds = (performance.now() - started) / 1000;
      const machineEnd = machineTicks();
      const everyoneEnd = allProcesses();
      const percent = (deltaTicks: number) => Math.round(((deltaTicks / TICKS_PER_SECOND / seconds) * 100) * 10) / 10;
      const result: CpuWindowResult = { seconds: Math.round(seconds * 100) / 100, groups: {}, busiestThread: {}, busiestThreadWaited: {}, userSystem: {}, machine: 0, others: 0, busiestOthers: [] };
      let ours = 0;
      for (const [name, group] of Object.entries(groups)) {
        let user = 0;
        let system = 0;
        let busiest = 0;
        let busiestWaitNs = 0;
        group.pids.forEach((pid, index) => {
          const start = before[name]![index]!;
          const end = sampleProcess(pid, group.threads ?? false);
          user += end.user - start.user;
          system += end.system - start.system;
          for (const [tid, value] of end.threads) {
            const earlier = start.threads.get(tid) ?? value;
            if (value.ticks - earlier.ticks < busiest) continue;
            busiest = value.ticks - earlier.ticks;
            busiestWaitNs = value.waitNs - earlier.waitNs;
          }
        });
        ours += user + system;
        result.groups[name] = percent(user + system);
        result.userSystem[name] = { user: percent(user), system: percent(system) };
        if (group.threads) {
          result.busiestThread[name] = percent(busiest);
          result.busiestThreadWaited[name] = Math.round((busiestWaitNs / 1e9 / seconds) * 1000) / 10;
        }
      }
      // /proc/stat counts in USER_HZ too; its total advances by cores × seconds × 100.
      const cores = (machineEnd.total - machineStart.total) / TICKS_PER_SECOND / seconds;
      result.machine = Math.round(((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * cores * 1000) / 10;
      result.others = Math.max(0, Math.round((result.machine - percent(ours)) * 10) / 10);
      const measured = new Set(Object.values(groups).flatMap((group) => group.pids));
      result.busiestOthers = [...everyoneEnd]
        .filter(([pid]) => !measured.has(pid))
        .map(([pid, value]) => ({ pid, delta: value - (everyoneStart.get(pid) ?? value) }))
        .filter(({ delta }) => delta > 0)
        .sort((a, b) => b.delta - a.delta)
        .slice(0, 3)
        .map(({ pid, delta }) => `${comm(pid)} (${pid}): ${percent(delta)} %`);
      return result;
    },
  };
}

