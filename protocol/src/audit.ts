import { z } from 'zod';

/** GET /api/audit/verify: the outcome of re-walking the hash chain. */
export const AuditVerdict = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int(), head: z.string() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int(),
    /** The first entry that does not verify (changed, relinked, or after a deleted one). */
    firstBrokenSeq: z.number().int(),
    reason: z.enum(['hash_mismatch', 'broken_link', 'gap']),
  }),
]);
export type AuditVerdict = z.infer<typeof AuditVerdict>;

/** GET /api/server-key: the Ed25519 public key (SPKI PEM) that signs final results. */
export const ServerKey = z.object({ publicKey: z.string() });
export type ServerKey = z.infer<typeof ServerKey>;
