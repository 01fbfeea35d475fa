import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditVerdict, ServerKey } from '#protocol/audit.ts';
import type { NodeKey } from '../identity/node-key.ts';
import { publicKeyPem } from '../identity/signatures.ts';
import type { AuditLog } from './audit-log.ts';

/** Verification is public knowledge: any signed-in user may re-walk the chain; the key is public. */
export function registerAuditRoutes(
  app: FastifyInstance,
  deps: { audit: AuditLog; key: NodeKey; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  app.get('/api/audit/verify', { onRequest: deps.requireLogin }, async (): Promise<AuditVerdict> => deps.audit.verify());
  app.get('/api/server-key', async (): Promise<ServerKey> => ({ publicKey: publicKeyPem(deps.key) }));
}
