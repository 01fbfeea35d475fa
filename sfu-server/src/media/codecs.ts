import type { types as ms } from 'mediasoup';

/**
 * What every meeting router offers. VP8 is the browsers' common ground;
 * H.264 (constrained baseline, packetization-mode 1) is what Vietnamese
 * conference systems and hardware endpoints interoperate on.
 */
export const ROUTER_MEDIA_CODECS: ms.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 600 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];
