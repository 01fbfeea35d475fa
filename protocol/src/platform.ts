import { z } from 'zod';
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
  /** Version ids currently kept, so a background download skips what is already here. */
  cachedVersionIds(): Promise<string[]>;
  /** Hands a generated file to the user: a download in a browser, a save dialog on the desktop. */
  saveFile(fileName: string, bytes: Uint8Array, mimeType: string): Promise<void>;

  /** What this platform can do beyond the common ground; the UI says so where a feature is missing. */
  readonly features: PlatformFeatures;
  /** A system notification (meeting started, poll opened); false when it could not be shown. */
  notify(notice: { title: string; body: string; meetingId?: string }): Promise<boolean>;
  /** Screens and windows to share, with thumbnails (empty where the browser shows its own picker). */
  listDisplaySources(): Promise<DisplaySource[]>;
  /** The source the next getDisplayMedia() call captures (desktop picker). */
  chooseDisplaySource(sourceId: string): Promise<void>;
  /** Desktop only: the server to use from now on (the app reloads). */
  setServerUrl(url: string): Promise<SettingResult>;
  /** Desktop only: trust an internal certificate authority (PEM) for the server's certificate. */
  addCertificateAuthority(pem: string): Promise<SettingResult>;
}

export interface PlatformFeatures {
  /** The app chooses screens and windows itself (desktop); otherwise the browser asks. */
  screenPicker: boolean;
  /** The server address and internal CAs can be configured (desktop); in a browser the page's own server is used. */
  serverSettings: boolean;
  /** Notifications show even when the window is in the background. */
  systemNotifications: boolean;
}

export const DisplaySource = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['screen', 'window']),
  /** PNG data URL. */
  thumbnail: z.string(),
});
export type DisplaySource = z.infer<typeof DisplaySource>;

export const SettingResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), detail: z.string().optional() }),
  z.object({ ok: z.literal(false), reason: z.enum(['invalid_url', 'unreadable', 'not_ca', 'expired', 'unsupported']) }),
]);
export type SettingResult = z.infer<typeof SettingResult>;
