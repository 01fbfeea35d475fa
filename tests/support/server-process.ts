import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

export interface ServerProcess {
  url: string;
  dataDir: string;
  /** The running server's process id (changes across restarts); its mediasoup workers are its children. */
  readonly pid: number | undefined;
  /** Everything the server logged so far (JSON lines). */
  logs(): string[];
  stop(): Promise<void>;
  /** Stops and starts again on the same DATA_DIR (a real process restart). */
  restart(): Promise<void>;
  /** Takes the server down (process ended, data kept) until `resume`. */
  halt(): Promise<void>;
  /** Starts it again on the same port and DATA_DIR, so clients reconnect by themselves. */
  resume(): Promise<void>;
}

/**
 * Starts `node sfu-server/src/main.ts` as a real child process on a free
 * loopback port with a fresh DATA_DIR (or the one `env.DATA_DIR` names,
 * e.g. holding a node key made beforehand), seeded with the demo data.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'dien-hong-test-')));
  const logs: string[] = [];
  let child: ChildProcess | undefined;
  let url = '';
  let port = '0';

  async function launch(): Promise<void> {
    const started = spawn(process.execPath, ['sfu-server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: port,
        DATA_DIR: dataDir,
        DEMO_PASSWORD: TEST_PASSWORD,
        MEDIASOUP_WORKERS: '1',
        RTC_LISTEN_IP: '127.0.0.1',
        RTC_ANNOUNCED_IP: '127.0.0.1',
        COLLAB_IDLE_SECONDS: '0.2',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    url = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        logs.push(...lines);
        const running = lines.map((line) => /running at (http:\/\/\S+)/.exec(line)).find(Boolean);
        if (running?.[1]) resolve(running[1].replace('localhost', '127.0.0.1'));
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', onData);
      started.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${logs.slice(-30).join('\n')}`)));
    });
    port = new URL(url).port;
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  }

  await launch();
  return {
    get url() {
      return url;
    },
    get pid() {
      return child?.exitCode === null ? child.pid : undefined;
    },
    dataDir,
    logs: () => logs,
    restart: async () => {
      await stop();
      await launch();
    },
    halt: stop,
    resume: launch,
    stop: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
