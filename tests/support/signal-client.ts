import WebSocket from 'ws';
import { SignalServerMessage } from '#protocol/signaling.ts';

type ServerMessage = SignalServerMessage;

/** A raw `/signal` socket for tests: sends anything, collects every reply. */
export class RawSignalClient {
  readonly socket: WebSocket;
  readonly received: ServerMessage[] = [];
  readonly #waiters: { match: (message: ServerMessage) => boolean; resolve: (message: ServerMessage) => void }[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const message = SignalServerMessage.parse(JSON.parse(data.toString()));
      this.received.push(message);
      const index = this.#waiters.findIndex((waiter) => waiter.match(message));
      if (index >= 0) this.#waiters.splice(index, 1)[0]?.resolve(message);
    });
  }

  static async open(baseUrl: string, token: string): Promise<RawSignalClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/signal?token=${encodeURIComponent(token)}`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new RawSignalClient(socket);
  }

  next(match: (message: ServerMessage) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    const already = this.received.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching signaling message')), timeoutMs);
      this.#waiters.push({ match, resolve: (message) => (clearTimeout(timer), resolve(message)) });
    });
  }

  /** Sends a raw frame and waits for the response to `id` (or the id-less error when the frame had none). */
  async send(frame: string | Buffer, id: number | null): Promise<ServerMessage> {
    const before = this.received.length;
    this.socket.send(frame);
    return this.next((message) => message.type === 'response' && message.id === id && this.received.indexOf(message) >= before);
  }

  request(id: number, method: string, data: unknown): Promise<ServerMessage> {
    return this.send(JSON.stringify({ type: 'request', id, method, data }), id);
  }

  close(): void {
    this.socket.close();
  }
}
