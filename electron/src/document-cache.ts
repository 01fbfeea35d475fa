import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretBox } from './session-store.ts';

export interface CacheLimits {
  /** Total size of cached documents; least recently used go first beyond it. */
  maxBytes: number;
  /** Documents of meetings that started longer ago than this (or, without a date, unused that long) are dropped. */
  maxAgeDays: number;
}

const Entry = z.object({
  sha256: z.string(),
  size: z.number(),
  storedAt: z.number(),
  lastUsedAt: z.number(),
  meetingStartsAt: z.number().optional(),
});
type Entry = z.infer<typeof Entry>;
const Index = z.record(z.string(), Entry);

type Warn = (message: string, details: Record<string, unknown>) => void;

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Offline copies of meeting documents, encrypted at rest with AES-256-GCM.
 * The key is random per installation and itself stored encrypted by the OS
 * keychain (safeStorage). Each file is bound to its version id (GCM
 * associated data) and checked against its sha256 on every read; a file
 * that fails either check is deleted and reported as missing.
 */
export class DocumentCache {
  readonly #dir: string;
  readonly #key: Buffer;
  readonly #limits: CacheLimits;
  readonly #now: () => number;
  readonly #warn: Warn;
  #index: Record<string, Entry> = {};

  private constructor(dir: string, key: Buffer, limits: CacheLimits, now: () => number, warn: Warn) {
    this.#dir = dir;
    this.#key = key;
    this.#limits = limits;
    this.#now = now;
    this.#warn = warn;
  }

  /** Null when the OS offers no keychain: documents are then never written to disk. */
  static async open(
    dir: string,
    box: SecretBox,
    limits: CacheLimits,
    options: { now?: () => number; warn?: Warn } = {},
  ): Promise<DocumentCache | null> {
    if (!box.isEncryptionAvailable()) return null;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const keyPath = join(dir, 'key.bin');
    let key: Buffer;
    try {
      key = Buffer.from(box.decryptString(await readFile(keyPath)), 'base64');
      if (key.length !== 32) throw new Error('bad key length');
    } catch {
      // No key yet, or one this keychain cannot open: start over, since nothing cached is readable.
      await DocumentCache.#wipeFiles(dir);
      key = randomBytes(32);
      await writeFile(keyPath, box.encryptString(key.toString('base64')), { mode: 0o600 });
    }
    const cache = new DocumentCache(dir, key, limits, options.now ?? Date.now, options.warn ?? (() => {}));
    cache.#index = await cache.#readIndex();
    return cache;
  }

  static async #wipeFiles(dir: string, keep: string[] = []): Promise<void> {
    for (const name of await readdir(dir)) if (!keep.includes(name)) await rm(join(dir, name), { force: true });
  }

  async #readIndex(): Promise<Record<string, Entry>> {
    try {
      return Index.parse(JSON.parse(await readFile(join(this.#dir, 'index.json'), 'utf8')));
    } catch {
      return {};
    }
  }

  async #writeIndex(): Promise<void> {
    await writeFile(join(this.#dir, 'index.json'), JSON.stringify(this.#index), { mode: 0o600 });
  }

  #path(versionId: string): string {
    return join(this.#dir, `${versionId}.bin`);
  }

  async read(versionId: string): Promise<Uint8Array | null> {
    const entry = this.#index[versionId];
    if (!entry) return null;
    try {
      const sealed = await readFile(this.#path(versionId));
      const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(versionId));
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const bytes = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) throw new Error('sha256 mismatch');
      entry.lastUsedAt = this.#now();
      await this.#writeIndex();
      return new Uint8Array(bytes);
    } catch (error) {
      this.#warn('cached document failed its integrity check; removed', { versionId, error: String(error) });
      await this.#forget(versionId);
      return null;
    }
  }

  async write(versionId: string, bytes: Uint8Array, meetingStartsAt?: string): Promise<void> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(versionId));
    const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
    await writeFile(this.#path(versionId), Buffer.concat([iv, cipher.getAuthTag(), ciphertext]), { mode: 0o600 });
    const now = this.#now();
    this.#index[versionId] = {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.byteLength,
      storedAt: now,
      lastUsedAt: now,
      ...(meetingStartsAt && { meetingStartsAt: Date.parse(meetingStartsAt) }),
    };
    await this.evict();
  }

  /** Applies the age rule, then the size budget (least recently used first). */
  async evict(): Promise<void> {
    const now = this.#now();
    const tooOld = (entry: Entry) => now - (entry.meetingStartsAt ?? entry.lastUsedAt) > this.#limits.maxAgeDays * DAY_MS;
    for (const [versionId, entry] of Object.entries(this.#index)) {
      if (tooOld(entry)) await this.#forget(versionId, false);
    }
    const byUse = Object.entries(this.#index).sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt);
    let total = byUse.reduce((sum, [, entry]) => sum + entry.size, 0);
    for (const [versionId, entry] of byUse) {
      if (total <= this.#limits.maxBytes) break;
      await this.#forget(versionId, false);
      total -= entry.size;
    }
    await this.#writeIndex();
  }

  async #forget(versionId: string, persist = true): Promise<void> {
    delete this.#index[versionId];
    await rm(this.#path(versionId), { force: true });
    if (persist) await this.#writeIndex();
  }

  /** Every cached document (logout on a shared machine); the key stays, it protects nothing by itself. */
  async clear(): Promise<void> {
    this.#index = {};
    await DocumentCache.#wipeFiles(this.#dir, ['key.bin']);
  }

  /** Version ids currently cached (for tests and diagnostics). */
  get versionIds(): string[] {
    return Object.keys(this.#index);
  }
}
