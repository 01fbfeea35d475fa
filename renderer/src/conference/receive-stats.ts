import type { Consumer } from 'mediasoup-client/types';

export interface VideoReceiveStats {
  framesDecoded: number;
  width: number;
  height: number;
  fps: number;
}

/**
 * What is actually being decoded for a video consumer, from its inbound-rtp
 * stats. mediasoup's bandwidth probe (mid "probator") never decodes and is skipped.
 */
export async function videoReceiveStats(consumer: Consumer): Promise<VideoReceiveStats | null> {
  const report = await consumer.getStats();
  for (const stats of report.values()) {
    if (stats.type !== 'inbound-rtp' || stats.kind !== 'video' || stats.mid === 'probator') continue;
    return {
      framesDecoded: stats.framesDecoded ?? 0,
      width: stats.frameWidth ?? 0,
      height: stats.frameHeight ?? 0,
      fps: Math.round(stats.framesPerSecond ?? 0),
    };
  }
  return null;
}
