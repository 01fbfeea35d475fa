import type { Consumer } from 'mediasoup-client/types';

export interface VideoReceiveStats {
  framesDecoded: number;
  width: number;
  height: number;
  fps: number;
  /** e.g. `video/VP8`, `video/H264`; empty until the first packet names it. */
  codec: string;
}

export interface AudioReceiveStats {
  packetsReceived: number;
}

/** The inbound-rtp entry of a consumer; mediasoup's bandwidth probe (mid "probator") never decodes and is skipped. */
function inboundRtp(report: RTCStatsReport, kind: 'audio' | 'video'): { stats: Record<string, unknown>; report: RTCStatsReport } | null {
  for (const stats of report.values()) {
    if (stats.type === 'inbound-rtp' && stats.kind === kind && stats.mid !== 'probator') return { stats, report };
  }
  return null;
}

/** What is actually being decoded for a video consumer, from its inbound-rtp stats. */
export async function videoReceiveStats(consumer: Consumer): Promise<VideoReceiveStats | null> {
  const found = inboundRtp(await consumer.getStats(), 'video');
  if (!found) return null;
  const { stats, report } = found;
  const codec = typeof stats.codecId === 'string' ? (report.get(stats.codecId) as { mimeType?: string } | undefined) : undefined;
  return {
    framesDecoded: Number(stats.framesDecoded ?? 0),
    width: Number(stats.frameWidth ?? 0),
    height: Number(stats.frameHeight ?? 0),
    fps: Math.round(Number(stats.framesPerSecond ?? 0)),
    codec: codec?.mimeType ?? '',
  };
}

/** Packets arriving for an audio consumer: they stop when its microphone is muted at the server. */
export async function audioReceiveStats(consumer: Consumer): Promise<AudioReceiveStats | null> {
  const found = inboundRtp(await consumer.getStats(), 'audio');
  return found ? { packetsReceived: Number(found.stats.packetsReceived ?? 0) } : null;
}
