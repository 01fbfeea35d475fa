import { z } from 'zod';

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  /** Live mediasoup workers in this node's pool. */
  workers: z.number().int().nonnegative(),
});
export type Health = z.infer<typeof Health>;
