/**
 * A minimal client of Janus's JSON API over WebSocket (subprotocol
 * `janus-protocol`), for the browser page and for Node (global WebSocket):
 * sessions with keepalives, plugin handles, synchronous plugin requests and
 * asynchronous ones answered by an event (with JSEP).
 */

interface JanusMessage {
  janus: string;
  transaction?: string;
  session_id?: number;
  sender?: number;
  data?: { id: number };
  error?: { code: number; reason: string };
  plugindata?: { plugin: string; data: Record<string, unknown> };
  jsep?: RTCSessionDescriptionInit;
}

/** An SDP with Janus's extras: `trickle: false` (candidates in the SDP), `rid_order` (simulcast rids listed lowest first: 'lmh'). */
export type JanusJsep = RTCSessionDescriptionInit & { trickle?: boolean; rid_order?: 'hml' | 'lmh' };

export interface PluginReply {
  data: Record<string, unknown>;
  jsep?: RTCSessionDescriptionInit;
}

const KEEPALIVE_MS = 25_000;
const REPLY_TIMEOUT_MS = 15_000;

export class JanusSession {
  readonly #socket: WebSocket;
  readonly #waiting = new Map<string, { resolve: (message: JanusMessage) => void; ack: boolean }>();
  readonly #keepalive: ReturnType<typeof setInterval>;
  readonly id: number;
  #nextTransaction = 1;

  private constructor(socket: WebSocket, id: number) {
    this.#socket = socket;
    this.id = id;
    socket.addEventListener('message', (event) => this.#receive(JSON.parse(String(event.data)) as JanusMessage));
    this.#keepalive = setInterval(() => void this.#send({ janus: 'keepalive' }, false), KEEPALIVE_MS);
  }

  static async connect(url: string): Promise<JanusSession> {
    const socket = new WebSocket(url, 'janus-protocol');
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot reach Janus at ${url}`)), { once: true });
    });
    const transaction = 'create';
    const created = await new Promise<JanusMessage>((resolve) => {
      const listener = (event: MessageEvent) => {
        const message = JSON.parse(String(event.data)) as JanusMessage;
        if (message.transaction !== transaction) return;
        socket.removeEventListener('message', listener);
        resolve(message);
      };
      socket.addEventListener('message', listener);
      socket.send(JSON.stringify({ janus: 'create', transaction }));
    });
    if (created.janus !== 'success' || !created.data) throw new Error(`Janus create: ${created.error?.reason ?? created.janus}`);
    return new JanusSession(socket, created.data.id);
  }

  #receive(message: JanusMessage): void {
    if (!message.transaction) return;
    const waiting = this.#waiting.get(message.transaction);
    if (!waiting) return;
    // An asynchronous plugin request is first acknowledged, then answered by an event with the same transaction.
    if (message.janus === 'ack' && waiting.ack) return;
    this.#waiting.delete(message.transaction);
    waiting.resolve(message);
  }

  #send(body: Record<string, unknown>, expectEvent: boolean): Promise<JanusMessage> {
    const transaction = `t${this.#nextTransaction++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(transaction);
        reject(new Error(`Janus did not answer ${String(body.janus)} ${String((body.body as { request?: string } | undefined)?.request ?? '')} within ${REPLY_TIMEOUT_MS / 1000} s`));
      }, REPLY_TIMEOUT_MS);
      this.#waiting.set(transaction, {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        ack: expectEvent,
      });
      this.#socket.send(JSON.stringify({ ...body, session_id: this.id, transaction }));
    });
  }

  async attach(plugin: string): Promise<JanusHandle> {
    const reply = await this.#send({ janus: 'attach', plugin }, false);
    if (reply.janus !== 'success' || !reply.data) throw new Error(`Janus attach: ${reply.error?.reason ?? reply.janus}`);
    return new JanusHandle(this, reply.data.id);
  }

  /** A plugin message; `expectEvent` for requests Janus answers asynchronously (join, configure). */
  async message(handleId: number, body: Record<string, unknown>, jsep?: JanusJsep, expectEvent = false): Promise<PluginReply> {
    const reply = await this.#send({ janus: 'message', handle_id: handleId, body, ...(jsep && { jsep }) }, expectEvent);
    const data = reply.plugindata?.data;
    if (reply.janus === 'error' || !data) throw new Error(`Janus ${String(body.request)}: ${reply.error?.reason ?? reply.janus}`);
    if (typeof data.error === 'string') throw new Error(`Janus ${String(body.request)}: ${data.error}`);
    return { data, ...(reply.jsep && { jsep: reply.jsep }) };
  }

  close(): void {
    clearInterval(this.#keepalive);
    this.#socket.close();
  }
}

export class JanusHandle {
  readonly #session: JanusSession;
  readonly id: number;

  constructor(session: JanusSession, id: number) {
    this.#session = session;
    this.id = id;
  }

  /** A request the plugin answers at once (create, rtp_forward, stop_rtp_forward, list…). */
  request(body: Record<string, unknown>): Promise<PluginReply> {
    return this.#session.message(this.id, body);
  }

  /** A request answered by an event, optionally carrying an offer. */
  send(body: Record<string, unknown>, jsep?: JanusJsep): Promise<PluginReply> {
    return this.#session.message(this.id, body, jsep, true);
  }
}
