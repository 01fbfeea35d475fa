import { z } from 'zod';

/** Every entity id: a UUID or another URL- and doc-name-safe token (no ':' so doc names parse unambiguously). */
export const EntityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');
export type EntityId = z.infer<typeof EntityId>;
