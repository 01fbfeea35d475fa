import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import {
  CascadeEnvelope,
  cascadeMethods,
  cascadeNotifications,
  type CascadeMethod,
  type CascadeNotification,
  type CascadeNotificationData,
  type CascadeRequestData,
  type CascadeResponseData,
} from '#protocol/cascade.ts';
import type { ErrorCode } from '#protocol/errors.ts';
import { SignalError } from '../conference/signal-error.ts';
import type { SealedChannel } from './secure-channel.ts';

/** A request the other node does not answer in this time fails (the link itself stays). */
const REQUEST_TIMEOUT_MS = 15_000;

/** What the other end of a link is to this node. */
export type LinkPeer = 'parent' | 'child';

type RequestHandler<M extends CascadeMethod> = (data: CascadeRequestData<M>) => Promise<CascadeResponseData<M>>;
type NotificationHandler<N extends CascadeNotification> = (data: CascadeNotificationData<N>) => void;

/** The other node refused a request: its error code and message. */
export class CascadeRequestError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Typed requests, responses and notifications over an authenticated
 * cascade channel, validated like `/signal`: a bad frame (not an envelope,
 * an unknown or misdirected method, data that fails its schema) gets an
 * `ok:false` response and is logged; the link stays.
 */
export class CascadeLink extends EventEmitter<{ closed: [] }> {
  /** The node at the other end, as its key proved. */
  readonly nodeId: string;
  readonly fingerprint: string;
  /** What that node is to this one. */
  readonly peer: LinkPeer;
  readonly connectedAt = new Date();
  readonly #channel: SealedChannel;
  readonly #log: FastifyBaseLogger;
  readonly #handlers = new Map<string, (data: unknown) => Promise<unknown>>();
  readonly #listeners = new Map<string, (data: unknown) => void>();
  readonly #pending = new Map<number, { method: CascadeMethod; resolve: (data: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  #nextId = 1;

  constructor(init: { channel: SealedChannel; nodeId: string; fingerprint: string; peer: LinkPeer; log: FastifyBaseLogger }) {
    super();
    this.#channel = init.channel;
    this.nodeId = init.nodeId;
    this.fingerprint = init.fingerprint;
    this.peer = init.peer;
    this.#log = init.log;
    init.channel.on('violation', (reason) => this.#log.warn({ nodeId: this.nodeId, reason }, 'cascade link broken by the other node'));
    init.channel.on('close', (code, reason) => {
      for (const { reject, timer } of this.#pending.values()) {
        clearTimeout(timer);
        reject(new CascadeRequestError('unavailable', 'the cascade link closed'));
      }
      this.#pending.clear();
      this.#log.info({ nodeId: this.nodeId, peer: this.peer, code, reason }, 'cascade link closed');
      this.emit('closed');
    });
  }

  /** Starts processing messages; register handlers first. */
  start(): void {
    this.#channel.listen((message) => {
      try {
        this.#receive(message);
      } catch (error) {
        this.#log.error({ err: error, nodeId: this.nodeId }, 'cascade message failed');
      }
    });
  }

  get closed(): boolean {
    return this.#channel.closed;
  }

  /** Answers requests of one method from the other node. */
  handle<M extends CascadeMethod>(method: M, handler: RequestHandler<M>): void {
    this.#handlers.set(method, handler as (data: unknown) => Promise<unknown>);
  }

  /** Receives notifications of one kind from the other node. */
  listen<N extends CascadeNotification>(method: N, listener: NotificationHandler<N>): void {
    this.#listeners.set(method, listener as (data: unknown) => void);
  }

  request<M extends CascadeMethod>(method: M, data: CascadeRequestData<M>): Promise<CascadeResponseData<M>> {
    if (this.closed) return Promise.reject(new CascadeRequestError('unavailable', 'the cascade link is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new CascadeRequestError('unavailable', `${method}: no answer from node ${this.nodeId}`));
      }, REQUEST_TIMEOUT_MS);
      this.#pending.set(id, { method, resolve: resolve as (data: unknown) => void, reject, timer });
      this.#channel.send({ type: 'request', id, method, data });
    });
  }

  notify<N extends CascadeNotification>(method: N, data: CascadeNotificationData<N>): void {
    this.#channel.send({ type: 'notification', method, data });
  }

  close(code?: number, reason?: string): void {
    this.#channel.close(code, reason);
  }

  /** Whether the other side may send this method or notification. */
  #mayCome(from: 'child' | 'parent' | 'either'): boolean {
    return from === 'either' || from === this.peer;
  }

  #receive(message: unknown): void {
    const envelope = CascadeEnvelope.safeParse(message);
    if (!envelope.success) {
      const id = typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number' ? message.id : null;
      return this.#refuse(id, 'bad_request', `not a cascade envelope: ${z.prettifyError(envelope.error)}`);
    }
    const frame = envelope.data;
    if (frame.type === 'response') return this.#settle(frame);
    if (frame.type === 'request') return void this.#answer(frame.id, frame.method, frame.data);
    const spec = Object.hasOwn(cascadeNotifications, frame.method) ? cascadeNotifications[frame.method as CascadeNotification] : undefined;
    const listener = this.#listeners.get(frame.method);
    if (!spec || !listener || !this.#mayCome(spec.from)) return this.#refuse(null, 'unknown_method', `unexpected notification ${frame.method}`);
    const data = spec.data.safeParse(frame.data);
    if (!data.success) return this.#refuse(null, 'bad_request', `${frame.method}: ${z.prettifyError(data.error)}`);
    try {
      listener(data.data);
    } catch (error) {
      this.#log.error({ err: error, nodeId: this.nodeId, method: frame.method }, 'cascade notification failed');
    }
  }

  async #answer(id: number, method: string, raw: unknown): Promise<void> {
    const spec = Object.hasOwn(cascadeMethods, method) ? cascadeMethods[method as CascadeMethod] : undefined;
    const handler = this.#handlers.get(method);
    if (!spec || !handler || !this.#mayCome(spec.from)) return this.#refuse(id, 'unknown_method', `unexpected request ${method}`);
    const data = spec.request.safeParse(raw);
    if (!data.success) return this.#refuse(id, 'bad_request', `${method}: ${z.prettifyError(data.error)}`);
    try {
      this.#channel.send({ type: 'response', id, ok: true, data: await handler(data.data) });
    } catch (error) {
      if (error instanceof SignalError || error instanceof CascadeRequestError) return this.#refuse(id, error.code, error.message);
      this.#log.error({ err: error, nodeId: this.nodeId, method }, 'cascade request failed');
      this.#channel.send({ type: 'response', id, ok: false, error: { code: 'internal', message: 'internal error' } });
    }
  }

  #settle(frame: Extract<CascadeEnvelope, { type: 'response' }>): void {
    const pending = frame.id === null ? undefined : this.#pending.get(frame.id);
    if (!pending || frame.id === null) {
      if (!frame.ok) this.#log.warn({ nodeId: this.nodeId, error: frame.error }, 'the other node refused a cascade message');
      return;
    }
    this.#pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (!frame.ok) return pending.reject(new CascadeRequestError(frame.error.code, frame.error.message));
    const data = cascadeMethods[pending.method].response.safeParse(frame.data);
    if (data.success) pending.resolve(data.data);
    else pending.reject(new CascadeRequestError('bad_request', `${pending.method}: malformed response: ${z.prettifyError(data.error)}`));
  }

  #refuse(id: number | null, code: ErrorCode, message: string): void {
    this.#log.info({ nodeId: this.nodeId, code, requestId: id }, `cascade message refused: ${message}`);
    this.#channel.send({ type: 'response', id, ok: false, error: { code, message: message.slice(0, 2000) } });
  }
}
