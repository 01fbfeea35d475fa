import type { FastifyBaseLogger } from 'fastify';
import type * as Y from 'yjs';
import type { CollabConnection } from './shared-doc.ts';
import { SERVER_ORIGIN, SharedDoc } from './shared-doc.ts';
import type { CollabPersistence } from './persistence.ts';

/**
 * Server work that follows a loaded document, e.g. mirroring it into the
 * store. Called once per load; returns null to ignore the document, or a
 * function that stops watching and finishes pending work before the
 * document unloads.
 */
export type DocumentWatcher = (name: string, doc: Y.Doc) => (() => Promise<void>) | null;

interface Entry {
  loading: Promise<SharedDoc>;
  /** Connections plus in-progress server operations. */
  holders: number;
  unloadTimer: NodeJS.Timeout | undefined;
  stopWatching: (() => Promise<void>)[];
}

/**
 * Keeps each collaborative document loaded while anyone uses it, and one
 * instance per name. Documents unload (flushed and compacted) a while after
 * the last user leaves.
 */
export class CollabHub {
  readonly #persistence: CollabPersistence;
  readonly #log: FastifyBaseLogger;
  readonly #idleMs: number;
  readonly #watchers: DocumentWatcher[];
  readonly #entries = new Map<string, Entry>();
  /** Per document, the tail of its store-derived writes (see `publish`). */
  readonly #publishing = new Map<string, Promise<void>>();

  constructor(
    persistence: CollabPersistence,
    log: FastifyBaseLogger,
    options: { idleMs: number; watchers?: DocumentWatcher[] },
  ) {
    this.#persistence = persistence;
    this.#log = log;
    this.#idleMs = options.idleMs;
    this.#watchers = options.watchers ?? [];
  }

  async #acquire(name: string): Promise<SharedDoc> {
    let entry = this.#entries.get(name);
    if (!entry) {
      const stopWatching: Entry['stopWatching'] = [];
      const loading = SharedDoc.load(name, this.#persistence, this.#log).then((shared) => {
        stopWatching.push(...this.#watchers.flatMap((watch) => watch(name, shared.doc) ?? []));
        return shared;
      });
      entry = { loading, holders: 0, unloadTimer: undefined, stopWatching };
      this.#entries.set(name, entry);
      entry.loading.catch(() => this.#entries.delete(name));
    }
    clearTimeout(entry.unloadTimer);
    entry.holders += 1;
    return entry.loading;
  }

  #release(name: string): void {
    const entry = this.#entries.get(name);
    if (!entry) return;
    entry.holders -= 1;
    if (entry.holders > 0) return;
    entry.unloadTimer = setTimeout(() => {
      this.#entries.delete(name);
      void this.#unload(entry).catch((error: unknown) => {
        this.#log.error({ err: error, doc: name }, 'collab unload failed');
      });
    }, this.#idleMs);
  }

  async #unload(entry: Entry): Promise<void> {
    const shared = await entry.loading;
    await Promise.all(entry.stopWatching.map((stop) => stop()));
    await shared.close();
  }

  /** Attaches a client connection; the returned functions feed its frames and detach it. */
  async connect(name: string, connection: CollabConnection) {
    const shared = await this.#acquire(name);
    shared.addConnection(connection);
    return {
      receive: (message: Uint8Array) => shared.receive(connection, message),
      disconnect: () => {
        shared.removeConnection(connection);
        this.#release(name);
      },
    };
  }

  /** A server-side write (the server's authority), persisted before this resolves. */
  async change(name: string, mutate: (doc: Y.Doc) => void): Promise<void> {
    const shared = await this.#acquire(name);
    try {
      shared.doc.transact(() => mutate(shared.doc), SERVER_ORIGIN);
      await shared.flushed();
    } finally {
      this.#release(name);
    }
  }

  /**
   * A server write derived from the store. Such writes to one document run one
   * at a time, each reading the store only when its turn comes: two commands
   * that commit close together can then never leave the older state published last.
   */
  async publish<T>(name: string, read: () => Promise<T>, mutate: (doc: Y.Doc, value: T) => void): Promise<void> {
    const previous = this.#publishing.get(name) ?? Promise.resolve();
    const next = previous.then(async () => {
      const value = await read();
      await this.change(name, (doc) => mutate(doc, value));
    });
    // A failed write must not block the ones after it; its caller sees the failure.
    const settled = next.catch(() => undefined);
    this.#publishing.set(name, settled);
    void settled.then(() => {
      if (this.#publishing.get(name) === settled) this.#publishing.delete(name);
    });
    return next;
  }

  /** Reads a document's current state. */
  async read<T>(name: string, view: (doc: Y.Doc) => T): Promise<T> {
    const shared = await this.#acquire(name);
    try {
      return view(shared.doc);
    } finally {
      this.#release(name);
    }
  }

  /** Flushes and closes every loaded document (server shutdown). */
  async close(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(
      entries.map(async (entry) => {
        clearTimeout(entry.unloadTimer);
        await this.#unload(entry);
      }),
    );
  }
}
