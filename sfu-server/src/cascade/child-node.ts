import { mkdir } from 'node:fs/promises';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { CASCADE_MAX_MESSAGE_BYTES } from '#protocol/cascade.ts';
import type { Health } from '#protocol/system.ts';
import { installAuthentication } from '../auth/authenticate.ts';
import type { ServerConfig } from '../config.ts';
import type { RunningServer } from '../server.ts';
import { RoomRegistry } from '../conference/room-registry.ts';
import { registerSignalingRoute } from '../conference/routes.ts';
import { installErrorHandling } from '../http/errors.ts';
import { installSecurityHeaders } from '../http/security-headers.ts';
import { loadOrCreateNodeKey } from '../identity/node-key.ts';
import { WorkerPool } from '../media/worker-pool.ts';
import { CascadeNode } from './cascade-node.ts';

/**
 * A child node (PARENT_URL set): media for the sites of its units, nothing
 * else. No store, no accounts, no collaboration, no renderer: it serves
 * `/signal` (users' tokens and tickets are the root's, checked with the root
 * key learned over the link), `/api/health`, `/api/cascade/links`, and
 * `/cascade` for children of its own. DATA_DIR holds only its node key.
 */
export async function startChildNode(
  config: ServerConfig,
  app: FastifyInstance,
  version: string,
): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true });
  const nodeKey = await loadOrCreateNodeKey(config.dataDir);
  const pool = await WorkerPool.create(
    { size: config.media.workers, rtcMinPort: config.media.rtcMinPort, rtcMaxPort: config.media.rtcMaxPort, logLevel: 'warn' },
    app.log.child({ module: 'media' }),
  );
  const log = app.log.child({ module: 'cascade' });
  let publicUrl = config.cascade.publicUrl ?? '';
  // The registry asks the cascade for a meeting's state; the cascade follows the registry's rooms.
  let cascade: CascadeNode | undefined;
  const rooms = new RoomRegistry({
    pool,
    transport: config.media.transport,
    consumerBudget: config.media.consumerBudget,
    loadState: (meetingId) => {
      if (!cascade) throw new Error('the cascade is not ready');
      return cascade.loadStateFromParent(meetingId);
    },
    log: app.log.child({ module: 'conference' }),
  });
  const node = new CascadeNode({
    nodeId: config.nodeId,
    key: nodeKey,
    rooms,
    pipe: { listenIp: config.media.transport.listenIp, announcedIp: config.media.transport.announcedIp },
    trusted: config.cascade.children,
    parent: config.cascade.parent,
    publicUrl: () => publicUrl,
    log,
  });
  cascade = node;

  await app.register(fastifyWebsocket, { options: { maxPayload: CASCADE_MAX_MESSAGE_BYTES } });
  installErrorHandling(app);
  installSecurityHeaders(app);
  const requireLogin = installAuthentication(app, node.tokens);
  app.get(
    '/api/health',
    async (): Promise<Health> => ({
      status: 'ok',
      version,
      workers: pool.size,
      nodeId: node.nodeId,
      keyFingerprint: node.fingerprint,
      role: 'child',
      linked: node.serving,
    }),
  );
  registerSignalingRoute(app, { db: undefined, rooms, tickets: node.tickets, requireLogin });
  node.registerRoutes(app);

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  publicUrl ||= `http://${config.lanAddress.includes(':') ? `[${config.lanAddress}]` : config.lanAddress}:${port}`;
  log.info({ nodeId: node.nodeId, keyFingerprint: node.fingerprint, parentUrl: config.cascade.parent?.url, publicUrl }, 'child node started');
  node.start();
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    demo: null,
    node: { nodeId: node.nodeId, keyFingerprint: node.fingerprint, role: 'child' },
    close: () =>
      (closing ??= (async () => {
        node.close();
        await app.close();
        await rooms.close();
        pool.close();
      })()),
  };
}
