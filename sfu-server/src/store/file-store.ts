import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Content-addressed blob store under `<DATA_DIR>/files`: a file's name is the
 * sha256 of its bytes, so identical uploads are stored once and a blob can be
 * checked against its name at any time.
 */
export class FileStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  #pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.#root, sha256.slice(0, 2), sha256);
  }

  /** Stores the bytes (atomically: temp file then rename) and returns their sha256. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.#pathOf(sha256);
    if (await this.has(sha256)) return sha256;
    await mkdir(join(this.#root, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${randomUUID()}.partial`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } finally {
      await rm(temporary, { force: true });
    }
    return sha256;
  }

  /**
   * Moves a file whose sha256 the caller computed while receiving it into the
   * store. It must be on the same file system (under DATA_DIR), so the rename
   * is atomic; the source is gone afterwards either way.
   */
  async adopt(path: string, sha256: string): Promise<void> {
    const target = this.#pathOf(sha256);
    try {
      if (await this.has(sha256)) return;
      await mkdir(join(this.#root, sha256.slice(0, 2)), { recursive: true });
      await rename(path, target);
    } finally {
      await rm(path, { force: true });
    }
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.#pathOf(sha256)).then(() => true, () => false);
  }

  async get(sha256: string): Promise<Buffer> {
    return readFile(this.#pathOf(sha256));
  }
}
