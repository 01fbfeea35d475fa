import { z } from 'zod';

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  /** Live mediasoup workers in this node's pool. */
  workers: z.number().int().nonnegative(),
  /** NODE_ID, and the sha256 fingerprint of this node's public key (what a cascade parent or child is configured with). */
  nodeId: z.string(),
  keyFingerprint: z.string(),
  /** Cascade: the root holds the store; a child serves media for its units and is usable while `linked` to its parent. */
  role: z.enum(['root', 'child']),
  linked: z.boolean(),
});
export type Health = z.infer<typeof Health>;

/**
 * GET /api/time (public): the server's clock. Clients compute their offset
 * once, so a speaking-time countdown is right even on a tablet whose clock is off.
 */
export const ServerTime = z.object({ now: z.iso.datetime() });
export type ServerTime = z.infer<typeof ServerTime>;
