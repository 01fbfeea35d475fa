/**
 * A least-recently-used set of rendered canvases with a fixed budget (count
 * and pixels). Entries the caller still needs are pinned and survive even
 * over budget; everything else is released oldest first.
 */
export class CanvasCache {
  /** Map order is recency: first = least recently used. */
  readonly #entries = new Map<string, HTMLCanvasElement>();
  readonly #budget: { maxCanvases: number; maxPixels: number };
  readonly #onEvict: (key: string) => void;
  #pixels = 0;

  constructor(budget: { maxCanvases: number; maxPixels: number }, onEvict: (key: string) => void) {
    this.#budget = budget;
    this.#onEvict = onEvict;
  }

  get size(): number {
    return this.#entries.size;
  }

  get pixels(): number {
    return this.#pixels;
  }

  get(key: string): HTMLCanvasElement | undefined {
    return this.#entries.get(key);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  keys(): IterableIterator<string> {
    return this.#entries.keys();
  }

  /** Marks an entry as just used. */
  touch(key: string): void {
    const canvas = this.#entries.get(key);
    if (!canvas) return;
    this.#entries.delete(key);
    this.#entries.set(key, canvas);
  }

  /** Adds a canvas as the most recently used, then trims to the budget, sparing pinned keys. */
  put(key: string, canvas: HTMLCanvasElement, pinned: ReadonlySet<string>): void {
    this.#remove(key);
    this.#entries.set(key, canvas);
    this.#pixels += canvas.width * canvas.height;
    for (const candidate of [...this.#entries.keys()]) {
      if (this.#entries.size <= this.#budget.maxCanvases && this.#pixels <= this.#budget.maxPixels) break;
      if (pinned.has(candidate) || candidate === key) continue;
      this.#remove(candidate);
      this.#onEvict(candidate);
    }
  }

  /** Releases every canvas. */
  clear(): void {
    for (const key of [...this.#entries.keys()]) this.#remove(key);
  }

  #remove(key: string): void {
    const canvas = this.#entries.get(key);
    if (!canvas) return;
    this.#entries.delete(key);
    this.#pixels -= canvas.width * canvas.height;
    releaseCanvas(canvas);
  }
}

/**
 * Frees a canvas's bitmap now rather than at garbage collection. One still
 * on screen is left for a moment: React swaps in its replacement within the
 * same task, and zeroing it first would flash a blank page.
 */
export function releaseCanvas(canvas: HTMLCanvasElement): void {
  const zero = () => {
    canvas.width = 0;
    canvas.height = 0;
  };
  if (!canvas.isConnected) zero();
  else setTimeout(() => !canvas.isConnected && zero(), 0);
}
