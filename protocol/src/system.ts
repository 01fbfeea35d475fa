import { z } from 'zod';

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  /** Live mediasoup workers in this node's pool. */
  workers: z.number().int().nonnegative(),
});
export type Health = z.infer<typeof Health>;

/**
 * GET /api/time (public): the server's clock. Clients compute their offset
 * once, so a speaking-time countdown is right even on a tablet whose clock is off.
 */
export const ServerTime = z.object({ now: z.iso.datetime() });
export type ServerTime = z.infer<typeof ServerTime>;
