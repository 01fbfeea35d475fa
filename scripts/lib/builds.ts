import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** Hash of the given sources (paths and contents), to skip builds whose inputs did not change. */
function sourceHash(sources: string[]): string {
  const hash = createHash('sha256');
  for (const source of sources.map((path) => join(ROOT, path))) {
    const files = statSync(source).isDirectory() ? listFiles(source).sort() : [source];
    for (const file of files) hash.update(relative(ROOT, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Runs a command from the repository root; exits the script with its status when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

const vite = join(ROOT, 'node_modules', '.bin', 'vite');

function buildIfStale(name: string, outDir: string, sources: string[], build: () => void): void {
  const stamp = join(ROOT, outDir, '.source-hash');
  const wanted = sourceHash([...sources, 'protocol/src', 'package-lock.json']);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  process.stderr.write(`[build] ${name}\n`);
  build();
  writeFileSync(stamp, wanted);
}

/** The renderer bundle the server serves at `/` (out/renderer). */
export function buildRenderer(): void {
  buildIfStale('renderer', 'out/renderer', ['renderer'], () => run(vite, ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']));
}

/** The Electron main process and preload (out/electron). */
export function buildElectron(): void {
  buildIfStale('electron shell', 'out/electron', ['electron/src', 'electron/vite.config.ts'], () => {
    for (const mode of ['main', 'preload']) {
      run(vite, ['build', '--config', 'electron/vite.config.ts', '--mode', mode, '--logLevel', 'warn']);
    }
  });
}

/** Path of the Electron binary when it was downloaded (never on machines without GitHub access). */
export function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
