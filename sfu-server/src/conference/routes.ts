import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { principalOf } from '../auth/authenticate.ts';
import type { Database } from '../store/schema.ts';
import type { RoomRegistry } from './room-registry.ts';
import { SignalingSession } from './signaling-session.ts';

/** `/signal?token=…`: authenticated before the upgrade; one SignalingSession per socket. */
export function registerSignalingRoute(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; rooms: RoomRegistry; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  app.get('/signal', { websocket: true, onRequest: deps.requireLogin }, (socket: WebSocket, request) => {
    const principal = principalOf(request);
    const session = new SignalingSession({
      principal,
      db: deps.db,
      rooms: deps.rooms,
      log: request.log.child({ userId: principal.userId }),
      send: (message) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
    });
    socket.on('message', (data: Buffer) => session.receive(data));
    socket.on('close', () => void session.close());
  });
}
