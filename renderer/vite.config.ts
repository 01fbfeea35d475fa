import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer builds to out/renderer; the server serves it at `/` and Electron loads it. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
    chunkSizeWarningLimit: 2048,
  },
  server: {
    port: 5173,
    // The dev server forwards API, signaling and collaboration to a running sfu-server.
    proxy: {
      '/api': 'http://localhost:8080',
      '/signal': { target: 'ws://localhost:8080', ws: true },
      '/collab': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
