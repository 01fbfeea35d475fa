import { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import type { FastifyBaseLogger } from 'fastify';

export interface WorkerPoolOptions {
  size: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  logLevel: ms.WorkerLogLevel;
}

/**
 * One mediasoup worker (one C++ process) per core, handed out round-robin.
 * A worker that dies is replaced at once; `workerDied` tells the rooms that
 * were on it so they can rebuild.
 */
export class WorkerPool extends EventEmitter<{ workerDied: [ms.Worker] }> {
  readonly #workers: ms.Worker[] = [];
  readonly #options: WorkerPoolOptions;
  readonly #log: FastifyBaseLogger;
  #next = 0;
  #closed = false;

  private constructor(options: WorkerPoolOptions, log: FastifyBaseLogger) {
    super();
    this.#options = options;
    this.#log = log;
  }

  static async create(options: WorkerPoolOptions, log: FastifyBaseLogger): Promise<WorkerPool> {
    const pool = new WorkerPool(options, log);
    for (let index = 0; index < options.size; index += 1) pool.#workers.push(await pool.#spawn());
    return pool;
  }

  async #spawn(): Promise<ms.Worker> {
    const worker = await mediasoup.createWorker({
      logLevel: this.#options.logLevel,
      rtcMinPort: this.#options.rtcMinPort,
      rtcMaxPort: this.#options.rtcMaxPort,
    });
    worker.on('died', (error) => void this.#replace(worker, error));
    this.#log.info({ pid: worker.pid }, 'mediasoup worker started');
    return worker;
  }

  async #replace(dead: ms.Worker, error: Error): Promise<void> {
    if (this.#closed) return;
    this.#log.error({ pid: dead.pid, err: error }, 'mediasoup worker died; replacing it');
    const index = this.#workers.indexOf(dead);
    try {
      const fresh = await this.#spawn();
      if (index >= 0) this.#workers[index] = fresh;
    } catch (spawnError) {
      this.#log.error({ err: spawnError }, 'could not replace mediasoup worker');
      if (index >= 0) this.#workers.splice(index, 1);
    }
    this.emit('workerDied', dead);
  }

  /** Live workers. */
  get size(): number {
    return this.#workers.filter((worker) => !worker.closed).length;
  }

  /** The next worker in round-robin order. */
  next(): ms.Worker {
    const live = this.#workers.filter((worker) => !worker.closed);
    const worker = live[this.#next++ % Math.max(live.length, 1)];
    if (!worker) throw new Error('no live mediasoup worker');
    return worker;
  }

  /**
   * The next live worker, in round-robin order, that is not among `used`
   * (a meeting spreading over workers), or undefined once every live worker is.
   */
  unused(used: ReadonlySet<ms.Worker>): ms.Worker | undefined {
    const live = this.#workers.filter((worker) => !worker.closed);
    for (let tried = 0; tried < live.length; tried += 1) {
      const worker = live[this.#next++ % live.length];
      if (worker && !used.has(worker)) return worker;
    }
    return undefined;
  }

  close(): void {
    this.#closed = true;
    for (const worker of this.#workers) worker.close();
  }
}
