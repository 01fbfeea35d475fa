import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { principalOf } from '../auth/authenticate.ts';
import type { Database } from '../store/schema.ts';
import type { RoomRegistry } from './room-registry.ts';
import { SignalingSession } from './signaling-session.ts';
import type { TicketVerifier } from './tickets.ts';

/**
 * The server pings every socket this often (ms); one that has not answered
 * the previous ping is dead and dropped, so a vanished site is noticed within
 * two periods (≤ 30 s) and leaves no ghost peer.
 */
export const SIGNAL_HEARTBEAT_MS = 15_000;

/** The login session a socket belongs to stands for its device: a reconnect from it replaces the old peer. */
function deviceOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const query = request.query as Record<string, unknown> | undefined;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : typeof query?.token === 'string' ? query.token : '';
  return createHash('sha256').update(token).digest('base64url');
}

/** `/signal?token=…`: authenticated before the upgrade; one SignalingSession per socket. */
export function registerSignalingRoute(
  app: FastifyInstance,
  deps: {
    /** Absent on a cascade child: it admits with tickets only. */
    db: Kysely<Database> | undefined;
    rooms: RoomRegistry;
    tickets: TicketVerifier;
    requireLogin: (request: FastifyRequest) => Promise<void>;
  },
): void {
  app.get('/signal', { websocket: true, onRequest: deps.requireLogin }, (socket: WebSocket, request) => {
    const principal = principalOf(request);
    const log = request.log.child({ userId: principal.userId });
    const session = new SignalingSession({
      principal,
      db: deps.db,
      rooms: deps.rooms,
      tickets: deps.tickets,
      device: deviceOf(request),
      log,
      send: (message) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
    });
    let answered = true;
    const heartbeat = setInterval(() => {
      if (!answered) {
        log.info('signaling socket stopped answering pings; dropping it');
        socket.terminate();
        return;
      }
      answered = false;
      socket.ping();
    }, SIGNAL_HEARTBEAT_MS);
    socket.on('pong', () => {
      answered = true;
    });
    socket.on('message', (data: Buffer) => session.receive(data));
    socket.on('close', () => {
      clearInterval(heartbeat);
      session.close();
    });
  });
}
