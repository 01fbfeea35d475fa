/**
 * `npm start` (after scripts/setup/bootstrap.sh): builds what changed, runs
 * the server with demo data on http://localhost:8080 (PORT, DATA_DIR and the
 * rest from the environment), and opens the desktop window where an Electron
 * binary is present.
 */
import { spawn } from 'node:child_process';
import { ROOT, buildElectron, buildRenderer, electronBinary } from './lib/builds.ts';

buildRenderer();
const port = process.env.PORT ?? '8080';
const server = spawn(process.execPath, ['sfu-server/src/main.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { LOG_FORMAT: 'pretty', ...process.env },
});

const electron = electronBinary();
if (electron) {
  buildElectron();
  const desktop = spawn(electron, ['.'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, DIEN_HONG_SERVER_URL: `http://localhost:${port}` },
  });
  desktop.on('exit', () => server.kill('SIGTERM'));
} else {
  process.stdout.write(
    '[start] Không có Electron trên máy này: mở trình duyệt tới địa chỉ bên dưới.\n' +
      '[start] No Electron binary on this machine: use a browser at the address below.\n',
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
