import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('desktop installers', () => {
  it('have a valid electron-builder configuration that packages main, preload and renderer without node_modules', () => {
    // The real installers need Electron's archives from GitHub; the check packages around a placeholder binary.
    const run = spawnSync(process.execPath, ['scripts/dist.ts', '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(run.stdout + run.stderr).toContain('installer check passed');
    expect(run.status).toBe(0);
  }, 240_000);
});
