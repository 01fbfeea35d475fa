import { readFile, rm, writeFile } from 'node:fs/promises';
import { LoginResponse } from '#protocol/auth.ts';
import type { StoredSession } from '#protocol/platform.ts';

/** The part of Electron's safeStorage this store needs (injected so it is testable without Electron). */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Keeps the login token encrypted with the OS keychain (safeStorage). Where
 * no keychain is available the session lives in memory only: a token is
 * never written to disk in the clear.
 */
export class SessionStore {
  readonly #path: string;
  readonly #box: SecretBox;
  #memory: StoredSession | null = null;

  constructor(path: string, box: SecretBox) {
    this.#path = path;
    this.#box = box;
  }

  async load(): Promise<StoredSession | null> {
    if (this.#memory) return this.#memory;
    if (!this.#box.isEncryptionAvailable()) return null;
    try {
      const session = LoginResponse.parse(JSON.parse(this.#box.decryptString(await readFile(this.#path))));
      return Date.parse(session.expiresAt) > Date.now() ? session : null;
    } catch {
      return null;
    }
  }

  async save(session: StoredSession): Promise<void> {
    this.#memory = session;
    if (this.#box.isEncryptionAvailable()) {
      await writeFile(this.#path, this.#box.encryptString(JSON.stringify(session)), { mode: 0o600 });
    }
  }

  async clear(): Promise<void> {
    this.#memory = null;
    await rm(this.#path, { force: true });
  }
}
