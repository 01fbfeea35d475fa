import type { LinkQuality } from '#protocol/conference.ts';

/**
 * How good a participant's link is, for the host's status board, and when a
 * weak link is switched to audio only. Pure; the room feeds it mediasoup's
 * scores (0–10, from packet loss and retransmissions as RTCP reports them)
 * and the receive transport's estimated downstream bandwidth.
 *
 * Quality (the worst of every score, and the bandwidth when video flows):
 * - good: every score ≥ 8 and at least 500 kbit/s available,
 * - fair: every score ≥ 5 and at least 150 kbit/s,
 * - poor: anything less,
 * - unknown (null): no media has been measured yet.
 */
export const QUALITY_THRESHOLDS = {
  good: { score: 8, bitrate: 500_000 },
  fair: { score: 5, bitrate: 150_000 },
} as const;

/**
 * Below this estimated downstream bandwidth (bits per second) for
 * WEAK_LINK_SECONDS in a row, video to a peer stops (audio only). 150 kbit/s
 * carries opus and little else; a 3G link at a commune office sits there.
 */
export const WEAK_LINK_BITRATE = 150_000;
export const WEAK_LINK_SECONDS = 10;

export interface LinkMeasurement {
  /** Scores of what this participant sends (per producer: its best stream). */
  producerScores: readonly number[];
  /** Scores of what this participant receives. */
  consumerScores: readonly number[];
  /** The receive transport's estimate, when video flows to it and one is known. */
  availableBitrate: number | undefined;
}

/** Good, fair or poor (null while nothing was measured); thresholds in QUALITY_THRESHOLDS. */
export function linkQuality(measurement: LinkMeasurement): LinkQuality | null {
  const scores = [...measurement.producerScores, ...measurement.consumerScores];
  const bitrate = measurement.availableBitrate;
  if (scores.length === 0 && bitrate === undefined) return null;
  const worst = scores.length > 0 ? Math.min(...scores) : 10;
  const reaches = (level: { score: number; bitrate: number }) => worst >= level.score && (bitrate === undefined || bitrate >= level.bitrate);
  if (reaches(QUALITY_THRESHOLDS.good)) return 'good';
  if (reaches(QUALITY_THRESHOLDS.fair)) return 'fair';
  return 'poor';
}

/**
 * Watches one peer's downstream estimate: weak once it has stayed below
 * WEAK_LINK_BITRATE for WEAK_LINK_SECONDS. A sample above it, or an unknown
 * one (no video flowing), starts the count again.
 */
export class WeakLinkDetector {
  #belowSince: number | null = null;

  /** Records a sample taken at `now` (ms); true when the link is weak. */
  sample(bitrate: number | undefined, now: number): boolean {
    if (bitrate === undefined || bitrate >= WEAK_LINK_BITRATE) {
      this.#belowSince = null;
      return false;
    }
    this.#belowSince ??= now;
    return now - this.#belowSince >= WEAK_LINK_SECONDS * 1000;
  }

  /** Forgets the count (video switched back on by hand: give the link a fresh chance). */
  reset(): void {
    this.#belowSince = null;
  }
}
