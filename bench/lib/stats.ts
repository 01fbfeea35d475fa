import { mkdir, writeFile } from 'node:fs/promises';

export const round = (value: number) => Math.round(value * 10) / 10;

export interface Spread {
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  n: number;
}

/** Median, tail percentiles and range of a sample (nearest-rank percentiles). */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
  return { median: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), min: round(sorted[0] ?? 0), max: round(sorted.at(-1) ?? 0), n: sorted.length };
}

/** Median and range across runs of one number. */
export function acrossRuns(values: number[]): { median: number; min: number; max: number } {
  const { median, min, max } = spread(values);
  return { median, min, max };
}

/** `median [min–max] unit`, the way every summary line prints a number measured over runs. */
export function formatRange(value: { median: number; min: number; max: number }, unit: string): string {
  return `${value.median} ${unit} [${value.min}–${value.max}]`;
}

/** Writes bench/results/<name>.json (committed: the latest result). */
export async function writeResult(name: string, result: unknown): Promise<string> {
  const directory = new URL('../results/', import.meta.url);
  await mkdir(directory, { recursive: true });
  const path = new URL(`${name}.json`, directory);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path.pathname;
}
