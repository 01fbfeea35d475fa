import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProducerOffer } from '#protocol/cascade.ts';
import { MeetingBridge } from '../../sfu-server/src/cascade/meeting-bridge.ts';
import type { CascadeLink } from '../../sfu-server/src/cascade/cascade-link.ts';
import type { MeetingRoom } from '../../sfu-server/src/conference/meeting-room.ts';
import { ROUTER_MEDIA_CODECS } from '../../sfu-server/src/media/codecs.ts';

// One side of a cascade pipe on a real mediasoup worker, with the other
// node played by a scripted link: the pause state reported by the other
// side must reach the piped producer whenever it arrives.

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => quiet } as unknown as FastifyBaseLogger;

let worker: ms.Worker;
let router: ms.Router;

beforeAll(async () => {
  worker = await mediasoup.createWorker({ logLevel: 'warn' });
  router = await worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
});
afterAll(() => worker?.close());

/** A bridge whose other side answers a subscription with a paused microphone, and the producers it adopts. */
async function bridgeTo(offer: ProducerOffer) {
  const adopted: ms.Producer[] = [];
  const room = { routers: [router], adoptProducer: (producer: ms.Producer) => adopted.push(producer) } as unknown as MeetingRoom;
  const link = {
    nodeId: 'van-don',
    closed: false,
    notify: () => {},
    request: async (method: string) =>
      method === 'subscribe'
        ? { kind: 'audio', paused: true, rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4242 }] } }
        : {},
  } as unknown as CascadeLink;
  const bridge = await MeetingBridge.create({ link, meetingId: 'meeting', pipeId: randomUUID(), room, pipe: { listenIp: '127.0.0.1', announcedIp: undefined }, changed: () => {}, log: quiet });
  bridge.applyOffers([offer]);
  return { bridge, adopted };
}

describe('a piped producer’s pause state', () => {
  it('follows a resume reported while the producer was being created on this side', async () => {
    const offer: ProducerOffer = {
      producerId: randomUUID(),
      kind: 'audio',
      source: 'microphone',
      owner: { peerId: 'peer-doan-ket', userId: 'user-doan-ket', displayName: 'Điểm cầu Xã Đoàn Kết', host: false },
      paused: true,
    };
    const { bridge, adopted } = await bridgeTo(offer);
    // The site is staged (unmuted) just as this node creates its copy of the paused microphone.
    const produce = bridge.transport.produce.bind(bridge.transport);
    bridge.transport.produce = (options) => {
      const creating = produce(options);
      bridge.setRemotePaused(offer.producerId, false);
      return creating;
    };
    bridge.want(offer.producerId);
    await expect.poll(() => adopted.length).toBe(1);
    await expect.poll(() => adopted[0]?.paused).toBe(false);
    bridge.close();
  });

  it('stays paused when the source pauses again before the copy exists', async () => {
    const offer: ProducerOffer = {
      producerId: randomUUID(),
      kind: 'audio',
      source: 'microphone',
      owner: { peerId: 'peer-binh-dan', userId: 'user-binh-dan', displayName: 'Điểm cầu Xã Bình Dân', host: false },
      paused: false,
    };
    const { bridge, adopted } = await bridgeTo(offer);
    const produce = bridge.transport.produce.bind(bridge.transport);
    bridge.transport.produce = (options) => {
      const creating = produce(options);
      bridge.setRemotePaused(offer.producerId, false);
      bridge.setRemotePaused(offer.producerId, true);
      return creating;
    };
    bridge.want(offer.producerId);
    await expect.poll(() => adopted.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(adopted[0]?.paused).toBe(true);
    bridge.close();
  });
});
