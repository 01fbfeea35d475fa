import type { types as ms } from 'mediasoup';
import { ROUTER_MEDIA_CODECS } from '../media/codecs.ts';

/** How often the active speaker observer may change its mind, in ms (mediaSoup's default is 300). */
const SPEAKER_INTERVAL_MS = 300;

/**
 * One router of a meeting room, on one worker, with what the room needs to
 * know about it: how many consumers it carries (the budget that decides
 * where new peers go) and its active speaker observer, which watches every
 * audio producer on this router (local ones and those piped in).
 */
export class RouterSlot {
  readonly router: ms.Router;
  readonly worker: ms.Worker;
  readonly speakerObserver: ms.ActiveSpeakerObserver;
  #consumers = 0;

  private constructor(worker: ms.Worker, router: ms.Router, speakerObserver: ms.ActiveSpeakerObserver) {
    this.worker = worker;
    this.router = router;
    this.speakerObserver = speakerObserver;
  }

  /** A router with the meeting codecs and its observer; `onDominantSpeaker` gets the loudest audio producer's id. */
  static async create(worker: ms.Worker, onDominantSpeaker: (producerId: string) => void): Promise<RouterSlot> {
    const router = await worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
    try {
      const observer = await router.createActiveSpeakerObserver({ interval: SPEAKER_INTERVAL_MS });
      observer.on('dominantspeaker', ({ producer }) => onDominantSpeaker(producer.id));
      return new RouterSlot(worker, router, observer);
    } catch (error) {
      router.close();
      throw error;
    }
  }

  get closed(): boolean {
    return this.router.closed;
  }

  /** Consumers on this router: WebRTC consumers of its peers and pipe consumers feeding other routers. */
  get consumers(): number {
    return this.#consumers;
  }

  /** Counts a consumer created on this router until it closes. */
  track(consumer: ms.Consumer): void {
    this.#consumers += 1;
    consumer.observer.once('close', () => {
      this.#consumers -= 1;
    });
  }

  /** Lets the active speaker observer hear an audio producer of this router. */
  async observe(producer: ms.Producer): Promise<void> {
    if (producer.kind !== 'audio' || this.speakerObserver.closed || producer.closed) return;
    // A producer closed meanwhile is not an error worth reporting.
    await this.speakerObserver.addProducer({ producerId: producer.id }).catch(() => undefined);
  }

  close(): void {
    this.router.close();
  }
}
