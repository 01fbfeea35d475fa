import type { LoginResponse } from './auth.ts';

/** A signed-in session as kept on one device. */
export type StoredSession = LoginResponse;

/**
 * Everything the renderer needs from the machine it runs on. The Electron
 * preload implements it for the desktop app (window.dienHongDesktop); the
 * renderer's web implementation serves browsers. The renderer never imports
 * Electron.
 */
export interface Platform {
  readonly kind: 'web' | 'desktop';
  /** Origin of the Diên Hồng server, e.g. `https://hop.quangninh.gov.vn`. */
  serverUrl(): string;
  loadSession(): Promise<StoredSession | null>;
  saveSession(session: StoredSession): Promise<void>;
  clearSession(): Promise<void>;
  /**
   * Document bytes kept for offline reading, by version id (a version's bytes
   * never change). Null when not cached or no longer intact.
   */
  readCachedDocument(versionId: string): Promise<Uint8Array | null>;
  /** `meetingStartsAt` lets the cache drop documents of long-past meetings first. */
  cacheDocument(versionId: string, bytes: Uint8Array, meetingStartsAt?: string): Promise<void>;
  clearDocumentCache(): Promise<void>;
  /** Hands a generated file to the user: a download in a browser, a save dialog on the desktop. */
  saveFile(fileName: string, bytes: Uint8Array, mimeType: string): Promise<void>;
}
