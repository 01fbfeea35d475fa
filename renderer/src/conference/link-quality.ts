import type { LinkQuality } from '#protocol/conference.ts';
import type { Transport } from 'mediasoup-client/types';

/** Counters from the previous sample, so loss is measured over the last interval, not since joining. */
export interface LinkSample {
  received: number;
  lost: number;
}

/**
 * This device's link as its own WebRTC stats see it: packet loss on what it
 * receives and the round trip to the SFU. A commune operator reads it as
 * "tốt / trung bình / yếu"; the thresholds are those at which opus and video
 * start to break up audibly and visibly.
 */
export async function measureLink(
  transports: Transport[],
  previous: LinkSample | null,
): Promise<{ quality: LinkQuality | null; sample: LinkSample }> {
  let received = 0;
  let lost = 0;
  let roundTrip: number | null = null;
  let remoteLoss: number | null = null;
  for (const transport of transports) {
    if (transport.closed) continue;
    const report = await transport.getStats();
    for (const stats of report.values()) {
      if (stats.type === 'inbound-rtp' && stats.mid !== 'probator') {
        received += Number(stats.packetsReceived ?? 0);
        lost += Math.max(0, Number(stats.packetsLost ?? 0));
      } else if (stats.type === 'candidate-pair' && stats.nominated && typeof stats.currentRoundTripTime === 'number') {
        roundTrip = Math.max(roundTrip ?? 0, stats.currentRoundTripTime);
      } else if (stats.type === 'remote-inbound-rtp' && typeof stats.fractionLost === 'number') {
        remoteLoss = Math.max(remoteLoss ?? 0, stats.fractionLost);
      }
    }
  }
  const sample = { received, lost };
  const newPackets = previous ? received - previous.received + (lost - previous.lost) : 0;
  const loss = previous && newPackets > 0 ? (lost - previous.lost) / newPackets : remoteLoss;
  if (loss === null && roundTrip === null) return { quality: null, sample };
  const worstLoss = Math.max(loss ?? 0, remoteLoss ?? 0);
  const rtt = roundTrip ?? 0;
  const quality: LinkQuality = worstLoss > 0.08 || rtt > 0.6 ? 'poor' : worstLoss > 0.02 || rtt > 0.25 ? 'fair' : 'good';
  return { quality, sample };
}

/** The worse of two readings (e.g. the server's, from upstream scores, and this device's own). */
export function worseQuality(a: LinkQuality | null, b: LinkQuality | null): LinkQuality | null {
  if (!a || !b) return a ?? b;
  const order: LinkQuality[] = ['good', 'fair', 'poor'];
  return order[Math.max(order.indexOf(a), order.indexOf(b))] ?? a;
}
