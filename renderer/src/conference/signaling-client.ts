import {
  SignalServerMessage,
  signalMethods,
  signalNotifications,
  type SignalMethod,
  type SignalNotification,
  type SignalNotificationData,
  type SignalRequestData,
  type SignalResponseData,
} from '#protocol/signaling.ts';
import type { ErrorCode } from '#protocol/errors.ts';

/** A request the server refused, or a dropped connection ('network'). */
export class SignalFailure extends Error {
  readonly code: ErrorCode | 'network';

  constructor(code: ErrorCode | 'network', message: string) {
    super(message);
    this.code = code;
  }
}

type Listener<N extends SignalNotification> = (data: SignalNotificationData<N>) => void;

/** A socket that opens nowhere, or a request never answered, counts as a dropped connection after this long. */
const CONNECT_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** Typed request/response and notifications over the `/signal` WebSocket. */
export class SignalingClient {
  readonly #socket: WebSocket;
  #nextId = 1;
  readonly #pending = new Map<number, { method: SignalMethod; resolve: (data: unknown) => void; reject: (error: Error) => void }>();
  readonly #listeners = new Map<SignalNotification, Set<(data: never) => void>>();
  #onClose: () => void = () => {};

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => this.#receive(event.data));
    socket.addEventListener('close', () => {
      for (const pending of this.#pending.values()) pending.reject(new SignalFailure('network', 'signaling connection closed'));
      this.#pending.clear();
      this.#onClose();
    });
  }

  static connect(url: string): Promise<SignalingClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const timer = setTimeout(() => {
        socket.close();
        reject(new SignalFailure('network', 'signaling connection timed out'));
      }, CONNECT_TIMEOUT_MS);
      socket.addEventListener(
        'open',
        () => {
          clearTimeout(timer);
          resolve(new SignalingClient(socket));
        },
        { once: true },
      );
      socket.addEventListener(
        'error',
        () => {
          clearTimeout(timer);
          reject(new SignalFailure('network', 'cannot open signaling connection'));
        },
        { once: true },
      );
    });
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  request<M extends SignalMethod>(method: M, data: SignalRequestData<M>): Promise<SignalResponseData<M>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (!this.open) return reject(new SignalFailure('network', 'signaling connection closed'));
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new SignalFailure('network', `${method} timed out`));
      }, REQUEST_TIMEOUT_MS);
      const settle = <T,>(finish: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        finish(value);
      };
      this.#pending.set(id, { method, resolve: settle(resolve as (data: unknown) => void), reject: settle(reject) });
      this.#socket.send(JSON.stringify({ type: 'request', id, method, data }));
    });
  }

  on<N extends SignalNotification>(method: N, listener: Listener<N>): void {
    const listeners = this.#listeners.get(method) ?? new Set();
    listeners.add(listener as (data: never) => void);
    this.#listeners.set(method, listeners);
  }

  onClose(listener: () => void): void {
    this.#onClose = listener;
  }

  close(): void {
    this.#socket.close();
  }

  #receive(raw: unknown): void {
    const parsed = typeof raw === 'string' ? SignalServerMessage.safeParse(JSON.parse(raw)) : undefined;
    if (!parsed?.success) return console.warn('ignored malformed signaling message');
    const message = parsed.data;
    if (message.type === 'notification') {
      const method = message.method as SignalNotification;
      const schema = signalNotifications[method];
      const data = schema?.safeParse(message.data);
      if (!data?.success) return console.warn(`ignored bad ${message.method} notification`);
      for (const listener of this.#listeners.get(method) ?? []) (listener as (data: unknown) => void)(data.data);
      return;
    }
    const pending = message.id === null ? undefined : this.#pending.get(message.id);
    if (!pending || message.id === null) return;
    this.#pending.delete(message.id);
    if (!message.ok) return pending.reject(new SignalFailure(message.error.code, message.error.message));
    const data = signalMethods[pending.method].response.safeParse(message.data);
    if (data.success) pending.resolve(data.data);
    else pending.reject(new SignalFailure('internal', `bad ${pending.method} response`));
  }
}
