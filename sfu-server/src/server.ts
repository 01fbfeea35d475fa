import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyRequest } from 'fastify';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import type { Health, ServerTime } from '#protocol/system.ts';
import { mirrorAgendaToStore } from './agenda/mirror.ts';
import { registerAgendaRoutes } from './agenda/routes.ts';
import { countPresentDelegates } from './attendance/queries.ts';
import { registerAttendanceRoutes } from './attendance/routes.ts';
import { AuditLog } from './audit/audit-log.ts';
import { registerAuditRoutes } from './audit/routes.ts';
import { installAuthentication } from './auth/authenticate.ts';
import { registerLoginRoute } from './auth/login-route.ts';
import { CascadeNode } from './cascade/cascade-node.ts';
import { startChildNode } from './cascade/child-node.ts';
import { cascadeRouter } from './cascade/routing.ts';
import { TokenService } from './auth/tokens.ts';
import { CollabHub } from './collab/collab-hub.ts';
import { CollabPersistence } from './collab/persistence.ts';
import { COLLAB_MAX_FRAME_BYTES, registerCollabRoutes } from './collab/routes.ts';
import type { ServerConfig } from './config.ts';
import { readConferenceState } from './conference/conference-state.ts';
import { registerConferenceRoutes } from './conference/control-routes.ts';
import { ConferencePublication } from './conference/publication.ts';
import { RoomRegistry } from './conference/room-registry.ts';
import { registerSignalingRoute } from './conference/routes.ts';
import { ConferenceTickets } from './conference/tickets.ts';
import { generateDemoPassword, seedDemo, type DemoAccount } from './demo/seed.ts';
import { registerDirectoryRoutes } from './directory/routes.ts';
import { registerDocumentRoutes } from './documents/routes.ts';
import { registerFloorRoutes } from './floor/routes.ts';
import { installErrorHandling } from './http/errors.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { loadOrCreateNodeKey } from './identity/node-key.ts';
import { registerLiveRoutes } from './live/routes.ts';
import { WorkerPool } from './media/worker-pool.ts';
import { registerMeetingRoutes } from './meetings/routes.ts';
import { registerMinutesRoutes } from './minutes/routes.ts';
import { registerParticipantRoutes } from './participants/routes.ts';
import { registerSessionSettingsRoutes } from './session-settings/routes.ts';
import { openSqlite } from './store/database.ts';
import { FileStore } from './store/file-store.ts';
import { migrateToLatest } from './store/migrate.ts';
import { registerVotingRoutes } from './voting/routes.ts';

const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export interface RunningServer {
  url: string;
  /** Demo accounts and their password, when this node seeds demo data. */
  demo: { accounts: DemoAccount[]; password: string; createdNow: boolean } | null;
  /** Who this node is in a cascade: operators configure its parent and children with the fingerprint. */
  node: { nodeId: string; keyFingerprint: string; role: 'root' | 'child' };
  close(): Promise<void>;
}

/** Tokens travel in the query string of WebSocket URLs; logs must never contain them. */
function redactedUrl(url: string): string {
  return url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');
}

/**
 * Demo credentials: DEMO_PASSWORD, or one generated on first start and kept
 * in DATA_DIR (owner-only) so later starts can print it again.
 */
async function demoPassword(config: ServerConfig): Promise<string> {
  if (config.demoPassword) return config.demoPassword;
  const path = join(config.dataDir, 'demo-password.txt');
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim();
  const password = generateDemoPassword();
  await writeFile(path, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Composes one server node: store, media workers, collaboration, HTTP and WebSocket endpoints. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true });
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(config.logFormat === 'pretty' && { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }),
      serializers: {
        req: (request: FastifyRequest) => ({ method: request.method, url: redactedUrl(request.url), remoteAddress: request.ip }),
      },
    },
    bodyLimit: 1024 * 1024,
    // A person reading the pretty log wants events, not every request.
    logController: new LogController({ disableRequestLogging: config.logFormat === 'pretty' }),
  });
  // A cascade child (PARENT_URL) keeps no store: media for its units only.
  if (config.cascade.parent) return startChildNode(config, app, version);
  const db = openSqlite(join(config.dataDir, 'dien-hong.sqlite'));
  await migrateToLatest(db);
  const files = new FileStore(join(config.dataDir, 'files'));
  const nodeKey = await loadOrCreateNodeKey(config.dataDir);
  const tokens = new TokenService(nodeKey, config.tokenTtlSeconds);
  const audit = new AuditLog(db);
  const pool = await WorkerPool.create(
    { size: config.media.workers, rtcMinPort: config.media.rtcMinPort, rtcMaxPort: config.media.rtcMaxPort, logLevel: 'warn' },
    app.log.child({ module: 'media' }),
  );
  const collabLog = app.log.child({ module: 'collab' });
  const hub = new CollabHub(new CollabPersistence(db), collabLog, {
    idleMs: config.collabIdleMs,
    watchers: [mirrorAgendaToStore(db, collabLog)],
  });
  const conferenceLog = app.log.child({ module: 'conference' });
  const rooms = new RoomRegistry({
    pool,
    transport: config.media.transport,
    consumerBudget: config.media.consumerBudget,
    // A room starts from the host's state as the live document keeps it.
    loadState: (meetingId) => hub.read(formatDocName({ kind: 'live', meetingId }), readConferenceState),
    log: conferenceLog,
  });
  const tickets = new ConferenceTickets(nodeKey);
  const conferencePublication = new ConferencePublication({ db, hub, audit, rooms }, { nodeId: config.nodeId, log: conferenceLog });
  // The root of a cascade: child nodes (CASCADE_CHILDREN) link up to it and serve their units' sites.
  const cascade = new CascadeNode({
    nodeId: config.nodeId,
    key: nodeKey,
    rooms,
    pipe: { listenIp: config.media.transport.listenIp, announcedIp: config.media.transport.announcedIp },
    trusted: config.cascade.children,
    parent: null,
    publicUrl: () => config.cascade.publicUrl ?? '',
    meetingExists: async (meetingId) => (await db.selectFrom('meetings').select('id').where('id', '=', meetingId).executeTakeFirst()) !== undefined,
    log: app.log.child({ module: 'cascade' }),
  });

  let demo: RunningServer['demo'] = null;
  if (config.seedDemo) {
    const password = await demoPassword(config);
    const created = await seedDemo({ db, files, hub, password });
    const accounts =
      created ??
      (await db.selectFrom('accounts').select(['username', 'display_name as displayName', 'role']).orderBy('role').execute());
    demo = { accounts, password, createdNow: created !== null };
  }

  await app.register(fastifyWebsocket, { options: { maxPayload: COLLAB_MAX_FRAME_BYTES } });
  await app.register(fastifyRateLimit, { global: false });
  // Bearer tokens, no cookies: allowing the desktop app's origin exposes nothing a token does not already grant.
  await app.register(fastifyCors, { origin: config.corsOrigins, exposedHeaders: ['etag', 'content-disposition'] });
  installErrorHandling(app);
  installSecurityHeaders(app);
  const requireLogin = installAuthentication(app, tokens);

  app.get(
    '/api/health',
    async (): Promise<Health> => ({ status: 'ok', version, workers: pool.size, nodeId: config.nodeId, keyFingerprint: cascade.fingerprint, role: 'root', linked: true }),
  );
  // Public and uncached: clients compute their clock offset from it once (speaking-time countdowns).
  app.get('/api/time', async (_request, reply): Promise<ServerTime> => {
    reply.header('cache-control', 'no-store');
    return { now: new Date().toISOString() };
  });
  registerLoginRoute(app, { db, tokens, limits: config.login });
  registerAuditRoutes(app, { audit, key: nodeKey, requireLogin });
  registerMeetingRoutes(app, { db, requireLogin });
  registerAgendaRoutes(app, { db, hub, requireLogin });
  registerParticipantRoutes(app, { db, hub, requireLogin });
  registerDirectoryRoutes(app, { db, requireLogin });
  registerDocumentRoutes(app, {
    db,
    files,
    hub,
    // Under DATA_DIR, beside the file store: adopting a received file is then a rename.
    uploads: { temporaryDir: join(config.dataDir, 'uploads'), maxBytes: config.maxUploadBytes },
    requireLogin,
  });
  registerLiveRoutes(app, { db, hub, requireLogin });
  registerVotingRoutes(app, {
    db,
    audit,
    key: nodeKey,
    hub,
    // Checked-in delegates, never more than the roll fixed when the poll opened.
    countPresent: async (meetingId, eligible) => Math.min(eligible, await countPresentDelegates(db, meetingId)),
    requireLogin,
  });
  registerFloorRoutes(app, { db, hub, audit, rooms, requireLogin });
  registerConferenceRoutes(app, {
    db,
    hub,
    audit,
    rooms,
    tickets,
    nodeId: config.nodeId,
    routeElsewhere: cascadeRouter(db, cascade.directory),
    requireLogin,
  });
  registerMinutesRoutes(app, { db, audit, key: nodeKey, requireLogin });
  registerAttendanceRoutes(app, { db, hub, audit, requireLogin });
  registerSessionSettingsRoutes(app, { db, hub, audit, requireLogin });
  registerCollabRoutes(app, { db, hub, requireLogin });
  registerSignalingRoute(app, { db, rooms, tickets, requireLogin });
  cascade.registerRoutes(app);
  if (existsSync(config.rendererDir)) {
    await app.register(fastifyStatic, { root: config.rendererDir, wildcard: false });
  } else {
    app.log.warn({ rendererDir: config.rendererDir }, 'no built renderer; only the API is served');
  }

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    demo,
    node: { nodeId: config.nodeId, keyFingerprint: cascade.fingerprint, role: 'root' },
    close: () =>
      (closing ??= (async () => {
        cascade.close();
        await app.close();
        await rooms.close();
        // The status board shows everyone disconnected before the documents are flushed.
        await conferencePublication.settled();
        await hub.close();
        pool.close();
        await db.destroy();
      })()),
  };
}
