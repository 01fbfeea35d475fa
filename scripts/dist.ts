/**
 * `npm run dist`: desktop installers with electron-builder, from
 * electron/electron-builder.yml: Windows NSIS x64, Linux AppImage and deb.
 * Needs Electron's release archives (GitHub), so it only works on a machine
 * that can download them.
 *
 * `npm run dist -- --check` works without the network: it validates the
 * configuration and packages the unpacked Linux app around a placeholder
 * Electron binary, then checks that the archive holds the main process,
 * the preload and the renderer. (It does not produce a runnable app.)
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, Platform } from 'electron-builder';
import { ROOT, buildElectron, buildRenderer } from './lib/builds.ts';

const check = process.argv.includes('--check');
const stage = join(ROOT, 'out', 'desktop-app');
const rootPackage = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string; description: string };
const electronVersion = (JSON.parse(await readFile(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

buildRenderer();
buildElectron();

// The packaged app: the bundles, the icons and a package.json without dependencies.
await rm(stage, { recursive: true, force: true });
await mkdir(join(stage, 'out'), { recursive: true });
await cp(join(ROOT, 'out', 'electron'), join(stage, 'out', 'electron'), { recursive: true });
await cp(join(ROOT, 'out', 'renderer'), join(stage, 'out', 'renderer'), { recursive: true });
await cp(join(ROOT, 'resources', 'icons', 'png'), join(stage, 'resources', 'icons', 'png'), { recursive: true });
await writeFile(
  join(stage, 'package.json'),
  JSON.stringify({ name: 'dien-hong', productName: 'Diên Hồng', version: rootPackage.version, description: rootPackage.description, main: 'out/electron/main.cjs', author: 'Diên Hồng' }, null, 2),
);

let placeholder: string | undefined;
if (check) {
  // electron-builder copies an Electron distribution; a placeholder stands in for the one we cannot download.
  placeholder = join(ROOT, 'out', 'electron-placeholder');
  await rm(placeholder, { recursive: true, force: true });
  await mkdir(join(placeholder, 'resources'), { recursive: true });
  await writeFile(join(placeholder, 'electron'), '#!/bin/sh\necho "placeholder: not a real Electron binary" >&2\nexit 1\n', { mode: 0o755 });
  await writeFile(join(placeholder, 'version'), electronVersion);
}

const targets = check ? Platform.LINUX.createTarget('dir') : new Map([...Platform.WINDOWS.createTarget(), ...Platform.LINUX.createTarget()]);
const artifacts = await build({
  targets,
  projectDir: ROOT,
  publish: 'never',
  // The staged app has no electron dependency to read the version from.
  config: { extends: join(ROOT, 'electron', 'electron-builder.yml'), electronVersion, ...(placeholder && { electronDist: placeholder }) },
});
if (check) {
  const { listPackage } = await import('@electron/asar');
  const archive = join(ROOT, 'out', 'installers', 'linux-unpacked', 'resources', 'app.asar');
  const files = listPackage(archive, { isPack: false });
  const required = ['/package.json', '/out/electron/main.cjs', '/out/electron/preload.cjs', '/out/renderer/index.html', '/resources/icons/png/512x512.png'];
  const missing = required.filter((file) => !files.includes(file));
  const stray = files.filter((file) => file.startsWith('/node_modules'));
  if (missing.length || stray.length) {
    console.error(`installer check failed: missing ${missing.join(', ') || 'nothing'}; unexpected ${stray.slice(0, 5).join(', ') || 'nothing'}`);
    process.exit(1);
  }
  console.log(`installer check passed: configuration valid, ${files.length} entries in app.asar, main, preload and renderer present, no node_modules`);
} else {
  console.log(artifacts.join('\n'));
}
