/**
 * Debian's Janus (1.1.2) for the side-by-side measurement: installed with
 * apt-get when missing, started with a configuration written into a temp
 * dir that loads only the VideoRoom plugin and the WebSocket transport
 * (on a loopback port), logs at warning level to a file, no libnice debug.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const JANUS = '/usr/bin/janus';
const LIB = '/usr/lib/x86_64-linux-gnu/janus';

export function ensureJanusInstalled(): string {
  if (!existsSync(JANUS)) {
    console.log('installing Debian’s janus (apt-get install -y janus)…');
    let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'janus'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'janus'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
    if (result.status !== 0 || !existsSync(JANUS)) throw new Error('could not install janus with apt-get');
  }
  return /Janus version: \d+ \(([^)]+)\)/.exec(spawnSync(JANUS, ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
}

/** The one library file of a plugin or transport, whatever its version suffix (Debian ships only `.so.<version>`). */
function library(folder: string, name: string): string {
  const listing = spawnSync('sh', ['-c', `ls ${join(LIB, folder)}/${name}.so*`], { encoding: 'utf8' }).stdout.trim().split('\n');
  const file = listing.find(Boolean);
  if (!file) throw new Error(`janus ${name} not found in ${LIB}/${folder}`);
  return file;
}

export interface JanusProcess {
  url: string;
  pid: number;
  log: string;
  stop(): Promise<void>;
}

export async function startJanus(directory: string, options: { wsPort: number; rtpPortRange: string; iceInterface: string; debugLevel?: number }): Promise<JanusProcess> {
  const plugins = join(directory, 'plugins');
  const transports = join(directory, 'transports');
  const empty = join(directory, 'none');
  await Promise.all([mkdir(plugins, { recursive: true }), mkdir(transports, { recursive: true }), mkdir(empty, { recursive: true })]);
  await symlink(library('plugins', 'libjanus_videoroom'), join(plugins, 'libjanus_videoroom.so'));
  await symlink(library('transports', 'libjanus_websockets'), join(transports, 'libjanus_websockets.so'));
  await writeFile(
    join(directory, 'janus.jcfg'),
    `general: {
  configs_folder = "${directory}"
  plugins_folder = "${plugins}"
  transports_folder = "${transports}"
  events_folder = "${empty}"
  loggers_folder = "${empty}"
  debug_level = ${options.debugLevel ?? 3}
  session_timeout = 60
  server_name = "dien-hong-fan-out"
}
certificates: {
}
media: {
  rtp_port_range = "${options.rtpPortRange}"
}
nat: {
  nice_debug = false
  ice_enforce_list = "${options.iceInterface}"
}
plugins: {
}
transports: {
}
events: {
}
loggers: {
}
`,
  );
  await writeFile(
    join(directory, 'janus.transport.websockets.jcfg'),
    `general: {
  json = "plain"
  ws = true
  ws_port = ${options.wsPort}
  ws_ip = "127.0.0.1"
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
  );
  // No static rooms: the bench creates its room through the API.
  await writeFile(join(directory, 'janus.plugin.videoroom.jcfg'), 'general: {\n}\n');
  const log = join(directory, 'janus.log');
  const child: ChildProcess = spawn(
    JANUS,
    ['--config', join(directory, 'janus.jcfg'), '--configs-folder', directory, '--log-file', log, '--disable-stdout', '--disable-colors'],
    // cwd: a crash dump, if any, lands in the temp dir, not the clone.
    { stdio: 'ignore', cwd: directory },
  );
  // Never leave it behind, even when the bench fails.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const url = `ws://127.0.0.1:${options.wsPort}`;
  // Ready once the WebSocket transport answers.
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`janus exited (${child.exitCode}); see ${log}`);
    const ready = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(url, 'janus-protocol');
      socket.addEventListener('open', () => (socket.close(), resolve(true)), { once: true });
      socket.addEventListener('error', () => resolve(false), { once: true });
    });
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`janus did not open ${url}; see ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid ?? 0,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          process.off('exit', kill);
          resolve();
        });
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
