import { z } from 'zod';
import { EntityId } from './ids.ts';

/** Đăng ký phát biểu: what the delegate or site wants the floor for. */
export const SpeechKind = z.enum(['speech', 'debate', 'question']);
export type SpeechKind = z.infer<typeof SpeechKind>;

/** POST /api/meetings/:meetingId/floor/requests (a delegate, chair or site). */
export const FloorRequestDraft = z.strictObject({ kind: SpeechKind.default('speech') });
export type FloorRequestDraft = z.input<typeof FloorRequestDraft>;

/** PUT /api/meetings/:meetingId/floor/order (chair): the waiting requests in their new order. */
export const FloorOrder = z.strictObject({ requestIds: z.array(EntityId).max(500) });
export type FloorOrder = z.infer<typeof FloorOrder>;

/** POST /api/floor-requests/:requestId/grant (chair), optionally overriding the speaking time. */
export const FloorGrant = z.strictObject({ limitSeconds: z.number().int().min(30).max(3600).optional() });
export type FloorGrant = z.infer<typeof FloorGrant>;

/** PATCH /api/meetings/:meetingId/settings (chair or secretary). */
export const SessionSettings = z.strictObject({
  /** Default speaking time per kind, in seconds. */
  speakingSeconds: z.strictObject({ speech: z.number().int().min(30).max(3600), debate: z.number().int().min(30).max(3600), question: z.number().int().min(30).max(3600) }).partial().optional(),
  /** Warn the speaker and the chair this many seconds before the time is up. */
  warnBeforeSeconds: z.number().int().min(5).max(600).optional(),
  /** Quorum: at least this fraction of all delegates must be present. */
  quorum: z.strictObject({ numerator: z.number().int().min(1).max(100), denominator: z.number().int().min(1).max(100) }).optional(),
});
export type SessionSettings = z.infer<typeof SessionSettings>;

export const DEFAULT_SPEAKING_SECONDS: Record<SpeechKind, number> = { speech: 420, debate: 300, question: 180 };
export const DEFAULT_WARN_BEFORE_SECONDS = 30;
/** HĐND sessions need at least two thirds of all delegates present. */
export const DEFAULT_QUORUM = { numerator: 2, denominator: 3 } as const;
