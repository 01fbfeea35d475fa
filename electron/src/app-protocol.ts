import { normalize, resolve, sep } from 'node:path';

/** The packaged renderer's origin: a privileged, secure custom scheme (so getUserMedia and fetch work). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'dien-hong';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The file an app:// request asks for, inside `root`, or null: no other
 * host, no escaping the renderer folder (`..`, encoded or not), no NUL.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${normalize(pathname === '/' ? '/index.html' : pathname)}`);
  return file.startsWith(base + sep) ? file : null;
}

/**
 * The desktop renderer's Content-Security-Policy: its own scripts only (and
 * WebAssembly for pdf.js image decoders), network access to the configured
 * server only.
 */
export function contentSecurityPolicy(serverOrigin: string): string {
  const socketOrigin = serverOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${serverOrigin} ${socketOrigin}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
