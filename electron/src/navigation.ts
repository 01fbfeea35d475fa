/** What the window does with a URL it is asked to show. */
export type NavigationDecision = 'allow' | 'external' | 'block';

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

/** scheme://host[:port], also for custom schemes, whose WHATWG `origin` is the opaque "null". */
export function originOf(url: URL): string {
  return url.host ? `${url.protocol}//${url.host}` : 'null';
}

/**
 * Only the app's own pages load in the window. Ordinary web and mail links
 * go to the system browser or mail client; everything else (file:, custom
 * schemes that launch programs, javascript:, data:, credentials in the URL)
 * is refused.
 */
export function navigationDecision(rawUrl: string, appOrigin: string): NavigationDecision {
  if (rawUrl.length > 8192) return 'block';
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'block';
  }
  if (originOf(url) === appOrigin && appOrigin !== 'null') return 'allow';
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return 'block';
  if (url.username || url.password) return 'block';
  if (url.protocol !== 'mailto:' && !url.hostname) return 'block';
  return 'external';
}
