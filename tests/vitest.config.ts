import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Three projects, by what they run against:
 * - unit: pure modules, in-process;
 * - integration: real server processes (mediasoup worker, SQLite, WebSockets);
 * - e2e: the built renderer in Debian's Chromium with fake camera and microphone.
 */
export default defineConfig({
  root,
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Each file runs its own server and browser; two cores cannot carry more at once.
          fileParallelism: false,
        },
      },
    ],
  },
});
