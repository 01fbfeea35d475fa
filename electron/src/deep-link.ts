/** dienhong://meeting/<id> opens a meeting. */
export const DEEP_LINK_SCHEME = 'dienhong';

export type DeepLink = { kind: 'meeting'; meetingId: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Parses a deep link handed to the app by the operating system (any program
 * or web page can send one, so anything unexpected is null).
 */
export function parseDeepLink(raw: unknown): DeepLink | null {
  if (typeof raw !== 'string' || raw.length > 512) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.username || url.password || url.port) return null;
  if (url.hostname !== 'meeting') return null;
  const match = /^\/([^/]+)\/?$/.exec(url.pathname);
  const meetingId = match?.[1];
  return meetingId && ID.test(meetingId) ? { kind: 'meeting', meetingId } : null;
}

/** The deep link among a second instance's command-line arguments (Windows and Linux pass it there). */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const argument of argv) {
    const link = parseDeepLink(argument);
    if (link) return link;
  }
  return null;
}
