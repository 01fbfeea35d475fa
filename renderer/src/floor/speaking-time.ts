import type { CurrentSpeaker } from '#protocol/collab/live.ts';

/** How far a speaker is into their time: the countdown turns orange, then red, then says "Hết giờ". */
export type SpeakingPhase = 'normal' | 'warning' | 'final' | 'over';

/** Seconds left for the current speaker at `now` (server time), negative once over. */
export function remainingSeconds(speaker: CurrentSpeaker, now: number): number {
  return Math.ceil((Date.parse(speaker.startedAt) + speaker.limitSeconds * 1000 - now) / 1000);
}

/** Orange for the warning period; red for its last stretch (a third of it, at most ten seconds). */
export function speakingPhase(speaker: CurrentSpeaker, remaining: number): SpeakingPhase {
  if (remaining <= 0) return 'over';
  const final = Math.min(10, Math.ceil(speaker.warnBeforeSeconds / 3));
  if (remaining <= final) return 'final';
  if (remaining <= speaker.warnBeforeSeconds) return 'warning';
  return 'normal';
}
