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
}
