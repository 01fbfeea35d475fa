import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { FastifyBaseLogger } from 'fastify';
import type { CollabAccess } from '#protocol/collab/access.ts';
import type { CollabPersistence } from './persistence.ts';

/** y-websocket message types (first varUint of every frame). */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** Transaction origins that are not a client connection. */
export const LOAD_ORIGIN = Symbol('load');
export const SERVER_ORIGIN = Symbol('server');

/** Compact after this many appended rows, so loading stays fast. */
const COMPACT_AFTER_UPDATES = 500;

/** One client connection to one document, as the document sees it. */
export interface CollabConnection {
  readonly userId: string;
  readonly access: Exclude<CollabAccess, 'none'>;
  send(message: Uint8Array): void;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** An empty Yjs update: what a read-only client sends when it has nothing new. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2 && update.every((byte) => byte === 0);
}

/**
 * One loaded collaborative document: the Y.Doc, its awareness (presence), its
 * connections, and the ordered queue of writes to the store.
 */
export class SharedDoc {
  readonly name: string;
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each connection with the awareness client ids it controls. */
  readonly connections = new Map<CollabConnection, Set<number>>();
  readonly #persistence: CollabPersistence;
  readonly #log: FastifyBaseLogger;
  #writes: Promise<void> = Promise.resolve();
  #lastStoredId = 0;
  #compactedUpTo = 0;
  #rowsSinceCompaction = 0;

  private constructor(name: string, persistence: CollabPersistence, log: FastifyBaseLogger) {
    this.name = name;
    this.#persistence = persistence;
    this.#log = log;
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
  }

  static async load(name: string, persistence: CollabPersistence, log: FastifyBaseLogger): Promise<SharedDoc> {
    const shared = new SharedDoc(name, persistence, log);
    const { updates, lastId } = await persistence.load(name);
    shared.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(shared.doc, update);
    }, LOAD_ORIGIN);
    shared.#lastStoredId = lastId;
    shared.#rowsSinceCompaction = updates.length;
    if (updates.length <= 1) shared.#compactedUpTo = lastId;
    shared.doc.on('update', (update: Uint8Array, origin: unknown) => shared.#onUpdate(update, origin));
    shared.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => shared.#onAwareness(changes, origin));
    return shared;
  }

  /** Starts a client: the server's state vector first, then everyone's presence. */
  addConnection(connection: CollabConnection): void {
    this.connections.set(connection, new Set());
    connection.send(
      frame((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
      }),
    );
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(this.#awarenessFrame(states));
  }

  removeConnection(connection: CollabConnection): void {
    const controlled = this.connections.get(connection);
    this.connections.delete(connection);
    if (controlled?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
  }

  /** Handles one binary frame from a client. Malformed frames throw; the caller logs and keeps the connection. */
  receive(connection: CollabConnection, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return this.#receiveSync(connection, decoder);
      case MESSAGE_AWARENESS:
        // Presence is relayed for writers only: a read-only audience of thousands (the live session
        // document in a full hall) would otherwise make every connection echo to every other.
        if (connection.access === 'write') {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), connection);
        }
        return;
      case MESSAGE_QUERY_AWARENESS:
        connection.send(this.#awarenessFrame([...this.awareness.getStates().keys()]));
        return;
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  #receiveSync(connection: CollabConnection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const reply = frame((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncStep1(decoder, encoder, this.doc);
      });
      connection.send(reply);
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message type ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (connection.access !== 'write') {
      // Read-only: the write goes nowhere. Yjs cannot filter field by field, so it is all or nothing.
      if (!isEmptyUpdate(update)) {
        this.#log.warn({ doc: this.name, userId: connection.userId, bytes: update.length }, 'dropped write from read-only connection');
      }
      return;
    }
    Y.applyUpdate(this.doc, update, connection);
  }

  #onUpdate(update: Uint8Array, origin: unknown): void {
    const message = frame((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
    });
    for (const connection of this.connections.keys()) {
      if (connection !== origin) connection.send(message);
    }
    this.#enqueueWrite(async () => {
      this.#lastStoredId = await this.#persistence.append(this.name, update);
      this.#rowsSinceCompaction += 1;
      if (this.#rowsSinceCompaction >= COMPACT_AFTER_UPDATES) await this.#compactNow();
    });
  }

  #onAwareness({ added, updated, removed }: AwarenessChanges, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    const controlled = this.connections.get(origin as CollabConnection);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    const message = this.#awarenessFrame(changed);
    for (const connection of this.connections.keys()) connection.send(message);
  }

  #awarenessFrame(clientIds: number[]): Uint8Array {
    return frame((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
    });
  }

  /** Store writes run one at a time, in order; a failed write is logged and the document carries on. */
  #enqueueWrite(write: () => Promise<void>): void {
    this.#writes = this.#writes.then(write).catch((error: unknown) => {
      this.#log.error({ err: error, doc: this.name }, 'collab persistence failed');
    });
  }

  async #compactNow(): Promise<void> {
    if (this.#lastStoredId === this.#compactedUpTo) return;
    // Every stored row up to #lastStoredId has been applied to this.doc, so its state covers them.
    await this.#persistence.compact(this.name, Y.encodeStateAsUpdate(this.doc), this.#lastStoredId);
    this.#compactedUpTo = this.#lastStoredId;
    this.#rowsSinceCompaction = 1;
  }

  /** Resolves once every update so far is in the store. */
  flushed(): Promise<void> {
    return this.#writes;
  }

  /** Flushes, compacts and releases the document. */
  async close(): Promise<void> {
    this.#enqueueWrite(() => this.#compactNow());
    await this.#writes;
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
