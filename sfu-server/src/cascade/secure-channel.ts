import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { z } from 'zod';
import {
  CASCADE_MAX_MESSAGE_BYTES,
  CASCADE_PROTOCOL,
  CASCADE_REFUSED_CLOSE,
  CascadeChallenge,
  CascadeHello,
  CascadeRefusal,
  CascadeWelcome,
} from '#protocol/cascade.ts';
import type { NodeKey } from '../identity/node-key.ts';
import { keyFingerprint, publicKeyFromBase64, publicKeyToBase64 } from './trust.ts';

/**
 * The authenticated, sealed transport of a cascade link (protocol in
 * protocol/src/cascade.ts): a mutual challenge–response with the nodes'
 * Ed25519 keys that also signs an ephemeral X25519 exchange, then every
 * frame sealed with AES-256-GCM. A relay in the middle can neither answer
 * for a node nor read or alter what the nodes say (SRTP keys for the media
 * pipes travel here), even over plain `ws://`.
 */

/** Both sides ping this often; a side that has not answered the previous ping is gone. */
export const LINK_HEARTBEAT_MS = 5000;
/** The handshake must finish within this time. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** The handshake ended without a link: `code` says why (the parent's refusal, or this side's own check). */
export class CascadeRefusedError extends Error {
  readonly code: CascadeRefusal['code'] | 'parent_key_mismatch' | 'timeout' | 'closed';

  constructor(code: CascadeRefusedError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** Who the other end proved to be. */
export interface LinkIdentity {
  nodeId: string;
  fingerprint: string;
}

interface Ephemeral {
  privateKey: KeyObject;
  /** Raw 32 bytes, base64. */
  publicKey: string;
}

function ephemeralKey(): Ephemeral {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const { x } = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKey: Buffer.from(x ?? '', 'base64url').toString('base64') };
}

function x25519Public(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw, 'base64').toString('base64url') }, format: 'jwk' });
}

/** sha256 over every field both sides said before the signatures, in a fixed order. */
function transcriptOf(challenge: CascadeChallenge, hello: Omit<CascadeHello, 'signature'>): Buffer {
  const fields = [
    CASCADE_PROTOCOL,
    challenge.nodeId,
    challenge.publicKey,
    challenge.nonce,
    challenge.ephemeralKey,
    hello.nodeId,
    hello.publicKey,
    hello.nonce,
    hello.ephemeralKey,
    hello.publicUrl,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest();
}

const SIGNED_BY = { child: 'dien-hong cascade child\0', parent: 'dien-hong cascade parent\0' } as const;

function signTranscript(key: NodeKey, role: keyof typeof SIGNED_BY, transcript: Buffer): string {
  return sign(null, Buffer.concat([Buffer.from(SIGNED_BY[role]), transcript]), key.privateKey).toString('base64');
}

function verifyTranscript(publicKey: KeyObject, role: keyof typeof SIGNED_BY, transcript: Buffer, signature: string): boolean {
  try {
    return verify(null, Buffer.concat([Buffer.from(SIGNED_BY[role]), transcript]), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** One key per direction, so a counter never repeats under a key. */
function directionKeys(ephemeral: Ephemeral, theirs: string, transcript: Buffer) {
  const secret = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: x25519Public(theirs) });
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, transcript, `dien-hong cascade ${label}`, 32));
  return { parentToChild: derive('parent to child'), childToParent: derive('child to parent') };
}

/**
 * Reads a socket's frames during the handshake. It holds every frame from
 * the socket's first moment, so a sealed frame arriving right behind the
 * last handshake frame (even in the same tick) is handed on to the channel.
 */
class HandshakeReader {
  readonly #socket: WebSocket;
  readonly #frames: { data: Buffer; isBinary: boolean }[] = [];
  #ended: CascadeRefusedError | undefined;
  #wake: (() => void) | undefined;
  readonly #deadline = Date.now() + HANDSHAKE_TIMEOUT_MS;

  constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', this.#onMessage);
    socket.on('close', this.#onClose);
  }

  readonly #onMessage = (data: Buffer, isBinary: boolean) => {
    // The handshake is three frames; a peer flooding it is cut off.
    if (this.#frames.length >= 8) return void this.#socket.terminate();
    this.#frames.push({ data, isBinary });
    this.#wake?.();
  };

  readonly #onClose = (code: number, reason: Buffer) => {
    this.#ended = new CascadeRefusedError('closed', `the other node closed the link during the handshake (${code} ${reason.toString()})`);
    this.#wake?.();
  };

  /** The next frame, which must be one of `schemas` (or a refusal, which rejects with its code). */
  async next<S extends z.ZodType>(schemas: S[]): Promise<z.output<S>> {
    while (this.#frames.length === 0) {
      if (this.#ended) throw this.#ended;
      const wait = this.#deadline - Date.now();
      if (wait <= 0) throw new CascadeRefusedError('timeout', 'the cascade handshake timed out');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    const frame = this.#frames.shift();
    if (!frame || frame.isBinary || frame.data.length > 16_384) throw new CascadeRefusedError('protocol', 'unexpected frame during the cascade handshake');
    let json: unknown;
    try {
      json = JSON.parse(frame.data.toString());
    } catch {
      throw new CascadeRefusedError('protocol', 'handshake frame is not JSON');
    }
    const refusal = CascadeRefusal.safeParse(json);
    if (refusal.success) throw new CascadeRefusedError(refusal.data.code, refusal.data.message);
    for (const schema of schemas) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return parsed.data as z.output<S>;
    }
    throw new CascadeRefusedError('protocol', 'malformed cascade handshake frame');
  }

  /** Stops reading; returns the frames that came after the handshake. */
  detach(): { data: Buffer; isBinary: boolean }[] {
    this.#socket.off('message', this.#onMessage);
    this.#socket.off('close', this.#onClose);
    return this.#frames.splice(0);
  }
}

function refuse(socket: WebSocket, code: CascadeRefusal['code'], message: string): CascadeRefusedError {
  if (socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ type: 'refused', code, message } satisfies CascadeRefusal));
    socket.close(CASCADE_REFUSED_CLOSE, code);
  }
  return new CascadeRefusedError(code, message);
}

/**
 * Parent side: challenges a child that opened `/cascade`. `admit` decides on
 * the child's proven identity (its configured trust): it returns a refusal
 * or null. Resolves with the sealed channel; rejects (after telling the
 * child and closing) on any failure.
 */
export async function acceptChild(
  socket: WebSocket,
  options: {
    key: NodeKey;
    nodeId: string;
    admit: (child: LinkIdentity) => { code: CascadeRefusal['code']; message: string } | null;
  },
): Promise<{ channel: SealedChannel; child: LinkIdentity & { publicUrl: string } }> {
  const reader = new HandshakeReader(socket);
  const ephemeral = ephemeralKey();
  const challenge: CascadeChallenge = {
    type: 'challenge',
    protocol: CASCADE_PROTOCOL,
    nodeId: options.nodeId,
    publicKey: publicKeyToBase64(options.key.publicKey),
    nonce: randomBytes(32).toString('base64'),
    ephemeralKey: ephemeral.publicKey,
  };
  socket.send(JSON.stringify(challenge));
  let hello: CascadeHello;
  try {
    hello = await reader.next([CascadeHello]);
  } catch (error) {
    reader.detach();
    if (error instanceof CascadeRefusedError && error.code === 'protocol') throw refuse(socket, 'protocol', error.message);
    socket.terminate();
    throw error;
  }
  let childKey: KeyObject;
  try {
    childKey = publicKeyFromBase64(hello.publicKey);
    if (childKey.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
  } catch {
    throw refuse(socket, 'protocol', 'the hello carries no Ed25519 public key');
  }
  reader.detach();
  const identity = { nodeId: hello.nodeId, fingerprint: keyFingerprint(childKey) };
  const { signature, ...signed } = hello;
  const transcript = transcriptOf(challenge, signed);
  if (!verifyTranscript(childKey, 'child', transcript, signature)) {
    throw refuse(socket, 'bad_signature', 'the hello is not signed by the key it presents');
  }
  const refusal = options.admit(identity);
  if (refusal) throw refuse(socket, refusal.code, refusal.message);
  const keys = directionKeys(ephemeral, hello.ephemeralKey, transcript);
  const welcome: CascadeWelcome = { type: 'welcome', signature: signTranscript(options.key, 'parent', transcript) };
  socket.send(JSON.stringify(welcome));
  return {
    channel: new SealedChannel(socket, { send: keys.parentToChild, receive: keys.childToParent }, []),
    child: { ...identity, publicUrl: hello.publicUrl },
  };
}

/**
 * Child side: opens `<parentUrl>/cascade`, checks the parent's key against
 * the pinned fingerprint before saying anything signed, proves its own
 * identity and checks the parent's proof. Rejects with CascadeRefusedError
 * (the parent's refusal, a fingerprint mismatch, a bad signature).
 */
export async function connectToParent(options: {
  parentUrl: string;
  parentFingerprint: string;
  key: NodeKey;
  nodeId: string;
  publicUrl: string;
}): Promise<{ channel: SealedChannel; parent: LinkIdentity }> {
  const url = `${options.parentUrl.replace(/^http/, 'ws')}/cascade`;
  const socket = new WebSocket(url, { maxPayload: CASCADE_MAX_MESSAGE_BYTES, handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
  // Reading before the socket opens: the challenge may arrive in the same tick.
  const reader = new HandshakeReader(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', (error) => reject(new CascadeRefusedError('closed', `cannot reach the parent at ${url}: ${error.message}`)));
  });
  socket.on('error', () => undefined);
  try {
    const challenge = await reader.next([CascadeChallenge]);
    let parentKey: KeyObject;
    try {
      parentKey = publicKeyFromBase64(challenge.publicKey);
    } catch {
      throw new CascadeRefusedError('protocol', 'the challenge carries no public key');
    }
    const fingerprint = keyFingerprint(parentKey);
    if (fingerprint !== options.parentFingerprint) {
      throw new CascadeRefusedError(
        'parent_key_mismatch',
        `the parent at ${options.parentUrl} presents key ${fingerprint}, not the pinned PARENT_KEY_FINGERPRINT ${options.parentFingerprint}`,
      );
    }
    const ephemeral = ephemeralKey();
    const signed: Omit<CascadeHello, 'signature'> = {
      type: 'hello',
      nodeId: options.nodeId,
      publicKey: publicKeyToBase64(options.key.publicKey),
      nonce: randomBytes(32).toString('base64'),
      ephemeralKey: ephemeral.publicKey,
      publicUrl: options.publicUrl,
    };
    const transcript = transcriptOf(challenge, signed);
    socket.send(JSON.stringify({ ...signed, signature: signTranscript(options.key, 'child', transcript) } satisfies CascadeHello));
    const welcome = await reader.next([CascadeWelcome]);
    if (!verifyTranscript(parentKey, 'parent', transcript, welcome.signature)) {
      throw new CascadeRefusedError('bad_signature', 'the parent’s welcome is not signed by its key');
    }
    const keys = directionKeys(ephemeral, challenge.ephemeralKey, transcript);
    // The parent's first sealed frames may already be waiting in the reader.
    return {
      channel: new SealedChannel(socket, { send: keys.childToParent, receive: keys.parentToChild }, reader.detach()),
      parent: { nodeId: challenge.nodeId, fingerprint },
    };
  } catch (error) {
    reader.detach();
    if (socket.readyState === WebSocket.OPEN) socket.close(CASCADE_REFUSED_CLOSE, error instanceof CascadeRefusedError ? error.code : 'error');
    else socket.terminate();
    throw error;
  }
}

const NONCE_PREFIX = Buffer.alloc(4);

/**
 * An authenticated link after its handshake: JSON values sealed with
 * AES-256-GCM, one key per direction, an 8-byte counter as the nonce and
 * frame header (frames must arrive in order: a replayed, reordered or
 * altered frame ends the link). Pings every LINK_HEARTBEAT_MS both ways.
 */
export class SealedChannel extends EventEmitter<{ close: [code: number, reason: string]; violation: [reason: string] }> {
  readonly #socket: WebSocket;
  readonly #sendKey: Buffer;
  readonly #receiveKey: Buffer;
  #sent = 0n;
  #received = 0n;
  #listener: ((message: unknown) => void) | undefined;
  readonly #queued: unknown[] = [];
  readonly #heartbeat: NodeJS.Timeout;
  #answered = true;
  #closed = false;

  /** `early`: sealed frames that arrived with the end of the handshake. */
  constructor(socket: WebSocket, keys: { send: Buffer; receive: Buffer }, early: { data: Buffer; isBinary: boolean }[]) {
    super();
    this.#socket = socket;
    this.#sendKey = keys.send;
    this.#receiveKey = keys.receive;
    for (const frame of early) this.#open(frame.data, frame.isBinary);
    socket.on('message', (data: Buffer, isBinary: boolean) => this.#open(data, isBinary));
    socket.on('pong', () => {
      this.#answered = true;
    });
    socket.on('close', (code: number, reason: Buffer) => this.#ended(code, reason.toString()));
    socket.on('error', () => undefined);
    this.#heartbeat = setInterval(() => {
      if (!this.#answered) {
        this.#violation('the other node stopped answering pings');
        socket.terminate();
        return;
      }
      this.#answered = false;
      if (socket.readyState === WebSocket.OPEN) socket.ping();
    }, LINK_HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Starts delivering messages (those that arrived before are delivered first). */
  listen(listener: (message: unknown) => void): void {
    this.#listener = listener;
    for (const message of this.#queued.splice(0)) listener(message);
  }

  send(message: unknown): void {
    if (this.#closed || this.#socket.readyState !== WebSocket.OPEN) return;
    const header = Buffer.alloc(8);
    header.writeBigUInt64BE(this.#sent);
    const cipher = createCipheriv('aes-256-gcm', this.#sendKey, Buffer.concat([NONCE_PREFIX, header]));
    const sealed = Buffer.concat([header, cipher.update(JSON.stringify(message)), cipher.final(), cipher.getAuthTag()]);
    this.#sent += 1n;
    this.#socket.send(sealed);
  }

  close(code = 1000, reason = ''): void {
    if (this.#socket.readyState === WebSocket.OPEN || this.#socket.readyState === WebSocket.CONNECTING) this.#socket.close(code, reason);
    this.#ended(code, reason);
  }

  /** Ends the link at once (the other node is gone or misbehaved). */
  terminate(): void {
    this.#socket.terminate();
    this.#ended(1006, 'terminated');
  }

  #open(data: Buffer, isBinary: boolean): void {
    if (this.#closed) return;
    if (!isBinary || data.length < 8 + 16) return this.#violation('an unsealed frame on an authenticated link');
    if (data.length > CASCADE_MAX_MESSAGE_BYTES) return this.#violation('a frame over the size limit');
    const header = data.subarray(0, 8);
    if (header.readBigUInt64BE() !== this.#received) return this.#violation('a frame out of order (replayed or lost)');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#receiveKey, Buffer.concat([NONCE_PREFIX, header]));
      decipher.setAuthTag(data.subarray(data.length - 16));
      plain = Buffer.concat([decipher.update(data.subarray(8, data.length - 16)), decipher.final()]);
    } catch {
      return this.#violation('a frame that does not authenticate');
    }
    this.#received += 1n;
    let message: unknown;
    try {
      message = JSON.parse(plain.toString());
    } catch {
      // Authentic but not JSON: the link layer above answers it like any bad message.
      message = { unparsable: true };
    }
    if (this.#listener) this.#listener(message);
    else this.#queued.push(message);
  }

  #violation(reason: string): void {
    this.emit('violation', reason);
    this.#socket.terminate();
    this.#ended(1008, reason);
  }

  #ended(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.emit('close', code, reason);
  }
}
