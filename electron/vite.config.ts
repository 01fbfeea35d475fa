import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const ENTRIES = { main: 'src/main.ts', preload: 'src/preload.ts' } as const;

/**
 * Bundles one Electron entry (`--mode main` or `--mode preload`) into
 * out/electron as a self-contained CommonJS file: a sandboxed preload cannot
 * load any other file, so the two are never split into shared chunks.
 */
export default defineConfig(({ mode }) => {
  const entry = mode === 'preload' ? 'preload' : 'main';
  return {
    build: {
      outDir: fileURLToPath(new URL('../out/electron', import.meta.url)),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      lib: {
        entry: fileURLToPath(new URL(ENTRIES[entry], import.meta.url)),
        formats: ['cjs'],
        fileName: () => `${entry}.cjs`,
      },
      rollupOptions: {
        external: ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      },
    },
  };
});
