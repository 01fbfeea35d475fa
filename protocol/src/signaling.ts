import { z } from 'zod';
import type {
  DtlsParameters as DtlsParametersType,
  IceCandidate as IceCandidateType,
  IceParameters as IceParametersType,
  RtpCapabilities as RtpCapabilitiesType,
  RtpParameters as RtpParametersType,
} from 'mediasoup-client/types';
import { ErrorCode } from './errors.ts';
import { EntityId } from './ids.ts';

/**
 * The `/signal` WebSocket contract. Three envelopes travel on it:
 *
 * - request (client → server): `{type:'request', id, method, data}`
 * - response (server → client): `{type:'response', id, ok:true, data}` or
 *   `{type:'response', id, ok:false, error:{code,message}}`
 * - notification (server → client): `{type:'notification', method, data}`
 *
 * Media flow: join → createWebRtcTransport (send, recv) → ready → produce.
 * Consumers are created by the server, paused; the client resumes each one
 * once its track is attached, so no keyframe is lost.
 */

/**
 * mediasoup parameter objects are bounded in shape and size here; their
 * semantics (codec support, fingerprints…) are validated by mediasoup itself.
 */
function mediasoupShape<T>(schema: z.ZodType): z.ZodType<T> {
  return schema as unknown as z.ZodType<T>;
}

const ShortString = z.string().max(256);
const MediaKind = z.enum(['audio', 'video']);
const CodecShape = z.looseObject({ mimeType: ShortString }).refine((codec) => JSON.stringify(codec).length < 4096);
const HeaderExtensionShape = z.looseObject({ uri: ShortString });

export const RtpCapabilities = mediasoupShape<RtpCapabilitiesType>(
  z.looseObject({
    codecs: z.array(CodecShape.and(z.looseObject({ kind: MediaKind }))).max(64).optional(),
    headerExtensions: z.array(HeaderExtensionShape).max(64).optional(),
  }),
);
export const RtpParameters = mediasoupShape<RtpParametersType>(
  z.looseObject({
    mid: ShortString.optional(),
    codecs: z.array(CodecShape).min(1).max(32),
    headerExtensions: z.array(HeaderExtensionShape).max(32).optional(),
    encodings: z.array(z.looseObject({})).max(8).optional(),
    rtcp: z.looseObject({}).optional(),
  }),
);
export const DtlsParameters = mediasoupShape<DtlsParametersType>(
  z.strictObject({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z.array(z.strictObject({ algorithm: ShortString, value: ShortString })).min(1).max(8),
  }),
);
const IceParameters = mediasoupShape<IceParametersType>(z.looseObject({}));
const IceCandidates = mediasoupShape<IceCandidateType[]>(z.array(z.looseObject({})));

/** What a producer carries, so receivers know where to show it. */
export const MediaSource = z.enum(['camera', 'microphone', 'screen']);
export type MediaSource = z.infer<typeof MediaSource>;

export const PeerInfo = z.object({
  peerId: EntityId,
  userId: EntityId,
  displayName: z.string(),
});
export type PeerInfo = z.infer<typeof PeerInfo>;

const Empty = z.strictObject({});

/** Every request method: its data schema and its response schema. */
export const signalMethods = {
  join: {
    request: z.strictObject({
      meetingId: EntityId,
      /** From GET /api/meetings/:id/conference/route; required on nodes without the meeting's store (cascade children). */
      ticket: z.string().max(4096).optional(),
    }),
    response: z.object({
      peerId: EntityId,
      routerRtpCapabilities: RtpCapabilities,
      peers: z.array(PeerInfo),
    }),
  },
  createWebRtcTransport: {
    request: z.strictObject({ direction: z.enum(['send', 'recv']) }),
    response: z.object({
      transportId: EntityId,
      iceParameters: IceParameters,
      iceCandidates: IceCandidates,
      dtlsParameters: DtlsParameters,
    }),
  },
  connectWebRtcTransport: {
    request: z.strictObject({ transportId: EntityId, dtlsParameters: DtlsParameters }),
    response: Empty,
  },
  /** The client's device is loaded and its receive transport exists: start consuming. */
  ready: {
    request: z.strictObject({ rtpCapabilities: RtpCapabilities }),
    response: Empty,
  },
  produce: {
    request: z.strictObject({
      transportId: EntityId,
      kind: MediaKind,
      rtpParameters: RtpParameters,
      source: MediaSource,
    }),
    response: z.object({ producerId: EntityId }),
  },
  /** Mute/unmute (audio) or camera off/on (video) without renegotiation. */
  setProducerPaused: {
    request: z.strictObject({ producerId: EntityId, paused: z.boolean() }),
    response: Empty,
  },
  closeProducer: {
    request: z.strictObject({ producerId: EntityId }),
    response: Empty,
  },
  resumeConsumer: {
    request: z.strictObject({ consumerId: EntityId }),
    response: Empty,
  },
  /** After a network change: new ICE credentials for the same transport. */
  restartIce: {
    request: z.strictObject({ transportId: EntityId }),
    response: z.object({ iceParameters: IceParameters }),
  },
  /** The layer a tile of this size needs (0 = smallest); the SFU may send less when bandwidth is short. */
  setPreferredLayers: {
    request: z.strictObject({
      consumerId: EntityId,
      spatialLayer: z.number().int().min(0).max(2),
      temporalLayer: z.number().int().min(0).max(2).optional(),
    }),
    response: Empty,
  },
  /** Weak link: receive and send audio only. */
  setAudioOnly: {
    request: z.strictObject({ enabled: z.boolean() }),
    response: Empty,
  },
  leave: {
    request: Empty,
    response: Empty,
  },
} as const;

export type SignalMethod = keyof typeof signalMethods;
export type SignalRequestData<M extends SignalMethod> = z.infer<(typeof signalMethods)[M]['request']>;
export type SignalResponseData<M extends SignalMethod> = z.infer<(typeof signalMethods)[M]['response']>;

export function isSignalMethod(method: string): method is SignalMethod {
  return Object.hasOwn(signalMethods, method);
}

/** Server → client notifications. */
export const signalNotifications = {
  peerJoined: PeerInfo,
  peerLeft: z.object({ peerId: EntityId }),
  newConsumer: z.object({
    consumerId: EntityId,
    producerId: EntityId,
    peerId: EntityId,
    kind: MediaKind,
    source: MediaSource,
    rtpParameters: RtpParameters,
    producerPaused: z.boolean(),
  }),
  consumerClosed: z.object({ consumerId: EntityId }),
  /** The remote producer was paused or resumed (muted, camera off). */
  consumerPaused: z.object({ consumerId: EntityId, paused: z.boolean() }),
  /**
   * The server asks this client to switch its own microphone or camera:
   * unmuted when granted the floor, muted when the floor ends or the host
   * mutes a site. The client obeys and reports through setProducerPaused.
   */
  mediaControl: z.object({ source: MediaSource, paused: z.boolean(), reason: z.enum(['floor', 'host']) }),
  /**
   * How much of its camera this client should send upstream: nothing (not
   * staged, not on the host's wall), the lowest simulcast layer (on the wall)
   * or every layer (on stage); and whether the server forwards its microphone
   * (hosts, the stage and the floor speaker, unless host-muted). What is not
   * allowed is paused on the server whatever the client does.
   */
  sendPolicy: z.object({ camera: z.enum(['off', 'low', 'full']), microphone: z.boolean() }),
  /** Media must be set up again (a worker was replaced, or the node changed): the client rejoins by itself. */
  mediaReset: z.object({ reason: z.enum(['worker_restarted', 'node_unavailable']) }),
  /** The server switched this client to audio only (weak link detected) or back. */
  audioOnly: z.object({ enabled: z.boolean(), reason: z.enum(['user', 'weak_link']) }),
  /**
   * This peer is out of the conference: the host removed the participant,
   * or (`replaced`) the same person joined again from the same device, and
   * that newer connection now carries their media.
   */
  removed: z.object({ reason: z.enum(['host', 'locked', 'replaced']) }),
} as const;

export type SignalNotification = keyof typeof signalNotifications;
export type SignalNotificationData<N extends SignalNotification> = z.infer<(typeof signalNotifications)[N]>;

/** Maximum size of one signaling message; larger frames are refused by the socket. */
export const SIGNAL_MAX_MESSAGE_BYTES = 64 * 1024;

/** First-pass envelope check; `data` is validated per method afterwards. */
export const SignalRequestEnvelope = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  data: z.unknown(),
});

export const SignalResponseEnvelope = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: z.number(), ok: z.literal(true), data: z.unknown() }),
  z.object({
    type: z.literal('response'),
    /** null when the request was too malformed to carry an id. */
    id: z.number().nullable(),
    ok: z.literal(false),
    error: z.object({ code: ErrorCode, message: z.string() }),
  }),
]);
export type SignalResponseEnvelope = z.infer<typeof SignalResponseEnvelope>;

export const SignalNotificationEnvelope = z.object({
  type: z.literal('notification'),
  method: z.string(),
  data: z.unknown(),
});

export const SignalServerMessage = z.union([SignalResponseEnvelope, SignalNotificationEnvelope]);
export type SignalServerMessage = z.infer<typeof SignalServerMessage>;
