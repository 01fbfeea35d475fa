import { LoginResponse } from '#protocol/auth.ts';
import type { Platform, StoredSession } from '#protocol/platform.ts';

const SESSION_KEY = 'dien-hong.session';
const DOCUMENT_CACHE = 'dien-hong-documents';

/** Cache Storage needs a secure context (https or localhost); elsewhere documents are simply not kept. */
async function documentCache(): Promise<Cache | null> {
  return 'caches' in globalThis ? caches.open(DOCUMENT_CACHE) : null;
}

const cacheKey = (versionId: string) => `/offline-documents/${encodeURIComponent(versionId)}`;

/** Browsers: the page's own origin is the server; session in localStorage, documents in Cache Storage. */
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
  async readCachedDocument(versionId) {
    const response = await (await documentCache())?.match(cacheKey(versionId));
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  },
  async cacheDocument(versionId, bytes) {
    const body = new Blob([new Uint8Array(bytes)], { type: 'application/pdf' });
    await (await documentCache())?.put(cacheKey(versionId), new Response(body));
  },
  async cachedVersionIds() {
    const keys = (await (await documentCache())?.keys()) ?? [];
    const prefix = cacheKey('');
    return keys.map((request) => new URL(request.url).pathname).filter((path) => path.startsWith(prefix)).map((path) => decodeURIComponent(path.slice(prefix.length)));
  },
  async clearDocumentCache() {
    if ('caches' in globalThis) await caches.delete(DOCUMENT_CACHE);
  },
  features: {
    screenPicker: false,
    serverSettings: false,
    systemNotifications: 'Notification' in globalThis,
  },
  async notify({ title, body }) {
    if (!('Notification' in globalThis)) return false;
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission !== 'granted') return false;
    new Notification(title, { body, lang: document.documentElement.lang });
    return true;
  },
  // The browser shows its own screen picker when getDisplayMedia() is called.
  async listDisplaySources() {
    return [];
  },
  async chooseDisplaySource() {},
  async setServerUrl() {
    return { ok: false, reason: 'unsupported' };
  },
  async addCertificateAuthority() {
    return { ok: false, reason: 'unsupported' };
  },
  async saveFile(fileName, bytes, mimeType) {
    const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mimeType }));
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};
