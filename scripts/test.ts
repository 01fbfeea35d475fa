/**
 * `npm test` (after scripts/setup/bootstrap.sh): type-checks every
 * environment (including the IPC contract against preload and main), builds
 * the renderer the end-to-end tests load, then runs the unit and
 * integration tests, then the end-to-end tests, with vitest. Extra
 * arguments go to one vitest run instead (a file, a project, a filter).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, buildRenderer, run } from './lib/builds.ts';

run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-b']);
buildRenderer();

const vitest = (args: string[]) =>
  spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--config', 'tests/vitest.config.ts', ...args], { cwd: ROOT, stdio: 'inherit' }).status === 0;

const extra = process.argv.slice(2);
// The end-to-end files (servers, Chromium, real media) run after the integration files rather than beside them:
// on two cores the two together starve each other's media timers.
const passed = extra.length > 0 ? vitest(extra) : [vitest(['--project', 'unit', '--project', 'integration']), vitest(['--project', 'e2e'])].every(Boolean);
if (!passed) {
  process.stderr.write('\nsome tests failed (see above)\n');
  process.exit(1);
}
