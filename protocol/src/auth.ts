import { z } from 'zod';
import { EntityId } from './ids.ts';

/**
 * An account's standing role. Secretaries and chairs may prepare sessions;
 * a site account belongs to a unit's meeting room (điểm cầu).
 */
export const AccountRole = z.enum(['admin', 'chair', 'secretary', 'delegate', 'guest', 'site']);
export type AccountRole = z.infer<typeof AccountRole>;

export const User = z.object({
  id: EntityId,
  username: z.string(),
  displayName: z.string(),
  role: AccountRole,
  unitId: EntityId.nullable(),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  /** ISO 8601 instant after which the token is refused. */
  expiresAt: z.string(),
  user: User,
});
export type LoginResponse = z.infer<typeof LoginResponse>;
