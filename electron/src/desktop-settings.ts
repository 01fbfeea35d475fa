import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** Loopback may use plain HTTP (a demo on this machine); every real server needs HTTPS. */
export function acceptableServerUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  return url.origin;
}

const Settings = z.object({
  serverUrl: z.string().nullable().default(null),
  /** PEM certificates of internal authorities trusted for the server's certificate. */
  authorities: z.array(z.string()).default([]),
});
export type DesktopSettings = z.infer<typeof Settings>;

/** The desktop app's own settings, in userData (not secret: a URL and public certificates). */
export class SettingsStore {
  readonly #path: string;
  #settings: DesktopSettings = { serverUrl: null, authorities: [] };

  constructor(path: string) {
    this.#path = path;
  }

  async load(): Promise<DesktopSettings> {
    try {
      this.#settings = Settings.parse(JSON.parse(await readFile(this.#path, 'utf8')));
    } catch {
      this.#settings = Settings.parse({});
    }
    return this.#settings;
  }

  get current(): DesktopSettings {
    return this.#settings;
  }

  async update(change: Partial<DesktopSettings>): Promise<DesktopSettings> {
    this.#settings = { ...this.#settings, ...change };
    await writeFile(this.#path, JSON.stringify(this.#settings, null, 2), { mode: 0o600 });
    return this.#settings;
  }
}
