/**
 * The benchmarks' browser pages: a page folder bundled by Vite into a temp
 * dir and served from a loopback static server. `localhost` is a secure
 * context, so the page may use getUserMedia.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { build, type PluginOption } from 'vite';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
};

export interface ServedPage {
  server: Server;
  url: string;
}

/** Serves `directory` (index.html at `/`) on a free loopback port. */
export async function serveDirectory(directory: string): Promise<ServedPage> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = join(directory, path === '/' ? 'index.html' : decodeURIComponent(path));
    if (!file.startsWith(directory)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.byteLength }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://localhost:${address.port}/` };
}

/** Bundles the page in `root` (a folder with index.html) into `outDir`. */
export async function buildPage(root: string, outDir: string, plugins: PluginOption[] = []): Promise<void> {
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins,
    build: { outDir, emptyOutDir: true, target: 'es2023', chunkSizeWarningLimit: 4096 },
  });
}
