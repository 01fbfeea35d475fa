import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { parseDocName } from '#protocol/collab/doc-names.ts';
import type { CollabAccess } from '#protocol/collab/access.ts';
import { principalOf } from '../auth/authenticate.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';
import { resolveCollabAccess } from './access-resolver.ts';
import type { CollabHub } from './collab-hub.ts';

/** Largest accepted frame; a whole offline session of ink strokes fits comfortably. */
export const COLLAB_MAX_FRAME_BYTES = 16 * 1024 * 1024;

const CollabParams = z.object({ docName: z.string().max(200) });

declare module 'fastify' {
  interface FastifyRequest {
    collabAccess?: Exclude<CollabAccess, 'none'>;
  }
}

/**
 * `/collab/<docName>?token=…`: the standard y-websocket protocol. The token
 * and the document's access rules are checked before the upgrade, so a
 * refused client gets a plain HTTP 401/403/404 and never a socket.
 */
export function registerCollabRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; hub: CollabHub; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  async function authorize(request: FastifyRequest): Promise<void> {
    const { docName } = parseInput(CollabParams, request.params);
    const doc = parseDocName(docName);
    if (!doc) throw new HttpError(404, 'not_found', `no such document ${docName}`);
    const access = await resolveCollabAccess(deps.db, doc, principalOf(request).userId);
    if (access === 'none') throw new HttpError(403, 'forbidden', `no access to ${docName}`);
    request.collabAccess = access;
  }

  app.get('/collab/:docName', { websocket: true, onRequest: [deps.requireLogin, authorize] }, (socket: WebSocket, request) => {
    const { docName } = request.params as { docName: string };
    const { userId } = principalOf(request);
    const access = request.collabAccess ?? 'read';
    const log = request.log.child({ doc: docName, userId });
    // Frames that arrive while the document loads are replayed in order afterwards.
    const early: Uint8Array[] = [];
    let receive: ((message: Uint8Array) => void) | undefined;
    let disconnect: (() => void) | undefined;
    let closed = false;

    const handle = (message: Uint8Array) => {
      try {
        receive?.(message);
      } catch (error) {
        log.warn({ err: error }, 'malformed collab frame ignored');
      }
    };
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return log.warn('text frame on collab socket ignored');
      const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (receive) handle(message);
      else early.push(message);
    });
    socket.on('close', () => {
      closed = true;
      disconnect?.();
    });

    deps.hub
      .connect(docName, {
        userId,
        access,
        send: (message) => {
          if (socket.readyState === socket.OPEN) socket.send(message);
        },
      })
      .then((session) => {
        ({ receive, disconnect } = session);
        if (closed) return disconnect();
        early.splice(0).forEach(handle);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'collab document failed to load');
        socket.close(1011, 'document unavailable');
      });
  });
}
