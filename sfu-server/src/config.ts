import { availableParallelism, networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_UPLOAD_BYTES } from '#protocol/documents.ts';
import { normalizeFingerprint, parseTrustedChildren } from './cascade/trust.ts';

/** A LAN address clients can reach, for ICE candidates; loopback when there is none. */
function firstExternalIPv4(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    const external = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (external) return external.address;
  }
  return '127.0.0.1';
}

const Port = z.coerce.number().int().min(0).max(65535);

/** Every setting comes from the environment; the defaults run the embedded demo. */
const Environment = z.object({
  PORT: Port.default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  /** Built renderer served at `/`. */
  RENDERER_DIR: z.string().default('./out/renderer'),
  DEMO_PASSWORD: z.string().min(8).optional(),
  /** Seed the demo unit tree, accounts and meeting into an empty store. */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` for log collectors, `pretty` for a person at a terminal. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  TOKEN_TTL_MINUTES: z.coerce.number().positive().default(12 * 60),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
  MEDIASOUP_WORKERS: z.coerce.number().int().positive().default(availableParallelism()),
  RTC_LISTEN_IP: z.string().default('0.0.0.0'),
  RTC_ANNOUNCED_IP: z.string().optional(),
  RTC_MIN_PORT: Port.default(40000),
  RTC_MAX_PORT: Port.default(49999),
  /** Origins besides the server's own that may call the API: the desktop app's renderer. Comma-separated. */
  CORS_ORIGINS: z.string().default('app://dien-hong'),
  /** Seconds a collaborative document stays in memory after its last user leaves. */
  COLLAB_IDLE_SECONDS: z.coerce.number().nonnegative().default(30),
  /** Largest accepted document upload, in MiB. */
  MAX_UPLOAD_MB: z.coerce.number().positive().default(DEFAULT_MAX_UPLOAD_BYTES / (1024 * 1024)),
  /** This node's name in conference routes and on the status board. */
  NODE_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i).default('main'),
  /** A meeting router takes new peers while it carries fewer consumers; then the meeting spreads to another worker. */
  MAX_CONSUMERS_PER_ROUTER: z.coerce.number().int().positive().default(500),
  /** Cascade (cascade/trust.ts): set on a child node, the parent's base URL; the node then keeps no store. */
  PARENT_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The parent's key fingerprint the child pins (required with PARENT_URL). */
  PARENT_KEY_FINGERPRINT: z.string().optional(),
  /** The children this node accepts: `<nodeId>=<fingerprint>=<unit>|<unit>…`, comma-separated. */
  CASCADE_CHILDREN: z.string().optional(),
  /** Base URL clients reach this node at (its /signal); default http://<HOST or LAN address>:<PORT>. */
  NODE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type ServerConfig = ReturnType<typeof loadConfig>;

/** This node's place in a cascade: its pinned parent (a child node), the children it accepts, its public URL. */
function cascadeConfig(e: z.infer<typeof Environment>) {
  try {
    if (e.PARENT_URL && !e.PARENT_KEY_FINGERPRINT) throw new Error('PARENT_URL needs PARENT_KEY_FINGERPRINT');
    return {
      parent: e.PARENT_URL ? { url: e.PARENT_URL.replace(/\/+$/, ''), fingerprint: normalizeFingerprint(e.PARENT_KEY_FINGERPRINT ?? '') } : null,
      children: parseTrustedChildren(e.CASCADE_CHILDREN),
      publicUrl: e.NODE_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    };
  } catch (error) {
    throw new Error(`invalid configuration: ${(error as Error).message}`);
  }
}

/** Reads and validates the configuration; a bad value stops startup with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) throw new Error(`invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const announcedIp = e.RTC_ANNOUNCED_IP ?? (e.RTC_LISTEN_IP === '0.0.0.0' ? firstExternalIPv4() : undefined);
  const cascade = cascadeConfig(e);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    rendererDir: resolve(e.RENDERER_DIR),
    demoPassword: e.DEMO_PASSWORD,
    seedDemo: e.SEED_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    tokenTtlSeconds: Math.max(1, Math.round(e.TOKEN_TTL_MINUTES * 60)),
    login: { max: e.LOGIN_MAX_ATTEMPTS, windowMs: e.LOGIN_WINDOW_SECONDS * 1000 },
    media: {
      workers: e.MEDIASOUP_WORKERS,
      rtcMinPort: e.RTC_MIN_PORT,
      rtcMaxPort: e.RTC_MAX_PORT,
      transport: { listenIp: e.RTC_LISTEN_IP, announcedIp, maxIncomingBitrate: 3_000_000 },
      consumerBudget: e.MAX_CONSUMERS_PER_ROUTER,
    },
    nodeId: e.NODE_ID,
    /** Parent, children and public URL of this node in a cascade (see cascade/trust.ts). */
    cascade,
    /** The address this node's public URL defaults to when HOST listens everywhere. */
    lanAddress: e.HOST === '0.0.0.0' || e.HOST === '::' ? firstExternalIPv4() : e.HOST,
    collabIdleMs: e.COLLAB_IDLE_SECONDS * 1000,
    corsOrigins: e.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    maxUploadBytes: Math.floor(e.MAX_UPLOAD_MB * 1024 * 1024),
  };
}
