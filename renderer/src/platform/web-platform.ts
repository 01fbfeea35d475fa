import { LoginResponse } from '#protocol/auth.ts';
import type { Platform, StoredSession } from '#protocol/platform.ts';

const SESSION_KEY = 'dien-hong.session';

/** Browsers: the page's own origin is the server; the session lives in localStorage until it expires. */
export const webPlatform: Platform = {
  kind: 'web',
  serverUrl: () => window.location.origin,
  async loadSession() {
    const parsed = LoginResponse.safeParse(JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null'));
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= Date.now()) return null;
    return parsed.data;
  },
  async saveSession(session: StoredSession) {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  },
  async clearSession() {
    localStorage.removeItem(SESSION_KEY);
  },
};
