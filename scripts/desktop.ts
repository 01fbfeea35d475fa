/**
 * `npm run desktop`: the Electron window against a running server
 * (DIEN_HONG_SERVER_URL, default http://localhost:8080). Fetches Electron's
 * binary first when it is missing and the network allows.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, buildElectron, electronBinary } from './lib/builds.ts';

if (!electronBinary()) {
  process.stdout.write('[desktop] downloading the Electron binary…\n');
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
}
const electron = electronBinary();
if (!electron) {
  process.stderr.write(
    '[desktop] Không tải được Electron (máy không truy cập được GitHub). Hãy dùng trình duyệt.\n' +
      '[desktop] Could not download Electron (GitHub is unreachable from this machine). Use a browser instead.\n',
  );
  process.exit(1);
}
buildElectron();
spawn(electron, ['.'], { cwd: ROOT, stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
