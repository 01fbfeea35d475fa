/**
 * `npm test` (after scripts/setup/bootstrap.sh): type-checks every
 * environment (including the IPC contract against preload and main), builds
 * the renderer the end-to-end tests load, then runs unit, integration and
 * end-to-end tests with vitest. Extra arguments go to vitest.
 */
import { join } from 'node:path';
import { ROOT, buildRenderer, run } from './lib/builds.ts';

run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-b']);
buildRenderer();
run(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--config', 'tests/vitest.config.ts', ...process.argv.slice(2)]);
