import { z } from 'zod';
import { ConferenceSettings, LinkQuality } from './conference.ts';
import { ErrorCode } from './errors.ts';
import { EntityId } from './ids.ts';
import { MediaSource, RtpParameters } from './signaling.ts';

/**
 * The cascade link between two server nodes (`/cascade` on the parent, a
 * WebSocket the child opens). DESIGN.md, "Cascade across nodes".
 *
 * 1. Handshake, JSON text frames, both ways authenticated with the nodes'
 *    Ed25519 keys: the parent sends `challenge`; the child checks the
 *    parent's key against the fingerprint it pins, answers `hello` signed
 *    over the transcript; the parent checks the child's key against the
 *    children it trusts and answers `welcome`, signed over the same
 *    transcript (or `refused`, then closes). Both sides' ephemeral X25519
 *    keys are inside the signed transcript.
 * 2. Then binary frames only, each an AES-256-GCM sealed JSON envelope
 *    (keys from the X25519 secret, one per direction, counters as nonces):
 *    requests, responses and notifications like `/signal`'s, validated
 *    against the schemas below. A bad envelope gets an `ok:false` response
 *    and the link stays; a frame that does not decrypt ends the link.
 */
export const CASCADE_PROTOCOL = 'dien-hong-cascade/1';

/** Largest cascade frame (either phase), in bytes. */
export const CASCADE_MAX_MESSAGE_BYTES = 256 * 1024;

/** Node names: NODE_ID. */
export const NodeId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'invalid node id');

const Base64 = z.string().max(1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const HttpUrl = z.url({ protocol: /^https?$/ }).max(512);

// --- handshake ---------------------------------------------------------------

/** Parent → child, first: who the parent is, its nonce and ephemeral key. */
export const CascadeChallenge = z.strictObject({
  type: z.literal('challenge'),
  protocol: z.literal(CASCADE_PROTOCOL),
  nodeId: NodeId,
  /** Ed25519 public key, SPKI DER, base64. Its sha256 is the node's fingerprint. */
  publicKey: Base64,
  nonce: Base64,
  /** X25519 public key (raw 32 bytes), base64. */
  ephemeralKey: Base64,
});
export type CascadeChallenge = z.infer<typeof CascadeChallenge>;

/** Child → parent: who the child is, signed over the transcript (challenge + hello). */
export const CascadeHello = z.strictObject({
  type: z.literal('hello'),
  nodeId: NodeId,
  publicKey: Base64,
  nonce: Base64,
  ephemeralKey: Base64,
  /** Where clients reach this node (`<publicUrl>/signal`). */
  publicUrl: HttpUrl,
  signature: Base64,
});
export type CascadeHello = z.infer<typeof CascadeHello>;

/** Parent → child: the parent's signature over the same transcript. */
export const CascadeWelcome = z.strictObject({ type: z.literal('welcome'), signature: Base64 });
export type CascadeWelcome = z.infer<typeof CascadeWelcome>;

/** Why a parent refuses a child (sent in clear, then the socket closes with CASCADE_REFUSED_CLOSE). */
export const CascadeRefusalCode = z.enum(['unknown_node', 'bad_signature', 'no_root', 'protocol', 'duplicate']);
export const CascadeRefusal = z.strictObject({ type: z.literal('refused'), code: CascadeRefusalCode, message: z.string().max(512) });
export type CascadeRefusal = z.infer<typeof CascadeRefusal>;

/** Close codes: refused during the handshake; the parent lost its own way to the root. */
export const CASCADE_REFUSED_CLOSE = 4003;
export const CASCADE_PARENT_LOST_CLOSE = 4010;

// --- shapes carried on an authenticated link ----------------------------------

/** The host's state a node enforces: `meeting:<id>:live` on the root, pushed down every link. */
export const WireConferenceState = z.strictObject({
  settings: ConferenceSettings,
  stage: z.array(EntityId).max(4),
  wall: z.array(EntityId).max(64),
  floorSpeaker: EntityId.nullable(),
  hostMuted: z.array(EntityId).max(10_000),
});
export type WireConferenceState = z.infer<typeof WireConferenceState>;

/** Whoever sends a producer: a participant on some node of the tree. */
export const WireProducerOwner = z.strictObject({
  peerId: EntityId,
  userId: EntityId,
  displayName: z.string().max(200),
  host: z.boolean(),
});

/** A producer one side of a link can pipe to the other on request (metadata only: no media flows until `subscribe`). */
export const ProducerOffer = z.strictObject({
  producerId: EntityId,
  kind: z.enum(['audio', 'video']),
  source: MediaSource,
  owner: WireProducerOwner,
  /** Paused where it comes from (muted, camera off, or held back by the policy there). */
  paused: z.boolean(),
});
export type ProducerOffer = z.infer<typeof ProducerOffer>;

/** A PipeTransport's address and SRTP keying: exchanged only inside the sealed link. */
export const PipeEndpoint = z.strictObject({
  ip: z.string().max(64),
  port: z.number().int().min(1).max(65535),
  srtpParameters: z.strictObject({
    cryptoSuite: z.enum(['AEAD_AES_256_GCM', 'AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32']),
    keyBase64: Base64,
  }),
});
export type PipeEndpoint = z.infer<typeof PipeEndpoint>;

/** Someone connected below a link, for the host's status board. */
export const RemoteUser = z.strictObject({
  userId: EntityId,
  displayName: z.string().max(200),
  audioOnly: z.boolean(),
  quality: LinkQuality.nullable(),
  /** The node their media goes through. */
  nodeId: NodeId,
});
export type RemoteUser = z.infer<typeof RemoteUser>;

/** A node somewhere below a link: which units it serves (names or ids, as its parent's CASCADE_CHILDREN lists them). */
export const NodeAnnouncement = z.strictObject({
  nodeId: NodeId,
  parentNodeId: NodeId,
  units: z.array(z.string().min(1).max(200)).max(1000),
  publicUrl: HttpUrl,
});
export type NodeAnnouncement = z.infer<typeof NodeAnnouncement>;

const MeetingRef = { meetingId: EntityId };
/** One pipe between the two nodes' rooms of a meeting; a new pipe (after a media reset) gets a new id. */
const PipeRef = { meetingId: EntityId, pipeId: EntityId };
const Empty = z.strictObject({});

/**
 * Requests on a link. `from` says which side may ask: the child opens and
 * closes meetings and their pipes; either side subscribes to what the other
 * offers.
 */
export const cascadeMethods = {
  /** A room opened on the child: the parent opens its own (kept while the child's is) and returns the host's state. */
  openMeeting: {
    from: 'child',
    request: z.strictObject(MeetingRef),
    response: z.strictObject({ state: WireConferenceState, admitted: z.array(EntityId).max(10_000) }),
  },
  /** The child's PipeTransport for a meeting; the parent answers with its own. Replaces an earlier pipe of the meeting. */
  connectPipe: {
    from: 'child',
    request: z.strictObject({ ...PipeRef, endpoint: PipeEndpoint }),
    response: z.strictObject({ endpoint: PipeEndpoint }),
  },
  /** The child's room closed: the parent drops the pipe and its hold on the meeting. */
  closeMeeting: {
    from: 'child',
    request: z.strictObject(MeetingRef),
    response: Empty,
  },
  /** Pipe this offered producer across (once; every further receiver is served on the asking side). */
  subscribe: {
    from: 'either',
    request: z.strictObject({ ...PipeRef, producerId: EntityId }),
    response: z.strictObject({ kind: z.enum(['audio', 'video']), rtpParameters: RtpParameters, paused: z.boolean() }),
  },
  /** No receiver on the asking side needs it any more. */
  unsubscribe: {
    from: 'either',
    request: z.strictObject({ ...PipeRef, producerId: EntityId }),
    response: Empty,
  },
} as const;

export type CascadeMethod = keyof typeof cascadeMethods;
export type CascadeRequestData<M extends CascadeMethod> = z.infer<(typeof cascadeMethods)[M]['request']>;
export type CascadeResponseData<M extends CascadeMethod> = z.infer<(typeof cascadeMethods)[M]['response']>;

/** Notifications on a link, with the side that sends each. */
export const cascadeNotifications = {
  /** First message from the parent: the root (its key verifies user tokens and tickets) and the units this child serves. */
  linked: {
    from: 'parent',
    data: z.strictObject({ rootNodeId: NodeId, rootPublicKey: Base64, units: z.array(z.string().max(200)).max(1000) }),
  },
  /** The host's state of a meeting changed (and whom the conference admitted, for a locked conference). */
  meetingState: {
    from: 'parent',
    data: z.strictObject({ ...MeetingRef, state: WireConferenceState, admitted: z.array(EntityId).max(10_000) }),
  },
  /** The parent's media of a meeting was rebuilt (a worker died): the child connects a new pipe. */
  meetingReset: { from: 'parent', data: z.strictObject(MeetingRef) },
  /** The host removed this user from the conference. */
  removeUser: { from: 'parent', data: z.strictObject({ ...MeetingRef, userId: EntityId }) },
  /** Every producer this side can pipe across on the meeting's pipe (the full list, each time it changes). */
  offers: { from: 'either', data: z.strictObject({ ...PipeRef, producers: z.array(ProducerOffer).max(10_000) }) },
  /** A producer already piped across was paused or resumed at its source. */
  producerPaused: { from: 'either', data: z.strictObject({ ...PipeRef, producerId: EntityId, paused: z.boolean() }) },
  /** Everyone connected below this link for a meeting (the full list, each time it changes). */
  presence: { from: 'child', data: z.strictObject({ ...MeetingRef, users: z.array(RemoteUser).max(10_000) }) },
  /** Every node below this child (its own children and theirs), so the root can route to them. */
  nodes: { from: 'child', data: z.strictObject({ nodes: z.array(NodeAnnouncement).max(1000) }) },
} as const;

export type CascadeNotification = keyof typeof cascadeNotifications;
export type CascadeNotificationData<N extends CascadeNotification> = z.infer<(typeof cascadeNotifications)[N]['data']>;

/** First-pass envelope check of a sealed frame; `data` is validated per method afterwards. */
export const CascadeEnvelope = z.union([
  z.strictObject({ type: z.literal('request'), id: z.number().int().nonnegative(), method: z.string().max(64), data: z.unknown() }),
  z.strictObject({ type: z.literal('response'), id: z.number().int().nonnegative(), ok: z.literal(true), data: z.unknown() }),
  z.strictObject({
    type: z.literal('response'),
    /** null when the frame was too malformed to carry an id. */
    id: z.number().int().nonnegative().nullable(),
    ok: z.literal(false),
    error: z.strictObject({ code: ErrorCode, message: z.string().max(2000) }),
  }),
  z.strictObject({ type: z.literal('notification'), method: z.string().max(64), data: z.unknown() }),
]);
export type CascadeEnvelope = z.infer<typeof CascadeEnvelope>;

// --- operators ---------------------------------------------------------------

/** A producer crossing a pipe, with the RTP bytes of it that crossed so far (every simulcast layer). */
const PipedProducer = z.object({ producerId: z.string(), kind: z.string(), source: MediaSource, userId: z.string(), bytes: z.number() });

/** One meeting's pipe on a link, with its PipeTransport's counters. */
export const CascadePipeStatus = z.object({
  meetingId: z.string(),
  pipeId: z.string(),
  transportId: z.string(),
  /** Every byte (RTP, RTCP, retransmissions) this node sent to / received from the other node on this pipe. */
  bytesSent: z.number(),
  bytesReceived: z.number(),
  rtpBytesSent: z.number(),
  rtpBytesReceived: z.number(),
  /** Producers this node pipes across (each once), and producers piped in from the other node. */
  producersSent: z.array(PipedProducer),
  producersReceived: z.array(PipedProducer),
});
export type CascadePipeStatus = z.infer<typeof CascadePipeStatus>;

/**
 * GET /api/cascade/links (loopback callers or an administrator): this
 * node's links (its parent, its children), each meeting's pipe with byte
 * counters and the producers crossing it; on the root, every node it routes to.
 */
export const CascadeLinks = z.object({
  nodeId: z.string(),
  role: z.enum(['root', 'child']),
  keyFingerprint: z.string(),
  links: z.array(
    z.object({
      /** The node at the other end, and the fingerprint of the key it proved. */
      nodeId: z.string(),
      keyFingerprint: z.string(),
      /** What that node is to this one. */
      peer: z.enum(['parent', 'child']),
      connectedAt: z.string(),
      pipes: z.array(CascadePipeStatus),
    }),
  ),
  /** The root's routing table: every node below it, connected or not. */
  nodes: z.array(z.object({ nodeId: z.string(), parentNodeId: z.string(), units: z.array(z.string()), publicUrl: z.string().nullable(), connected: z.boolean() })),
});
export type CascadeLinks = z.infer<typeof CascadeLinks>;
