/** Percentile of a sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]) => percentile(values, 50);
export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Times fn `runs` times after `warmup` untimed runs; returns milliseconds per run. */
export async function time(fn: (i: number) => unknown, runs: number, warmup = Math.min(20, runs)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Runs a measurement `repeats` times and takes the median of each figure (noise on 2 shared cores). */
export async function medianOf<T extends Record<string, number>>(
  repeats: number,
  measure: () => Promise<T>,
): Promise<T> {
  const runs: T[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await measure());
  const keys = Object.keys(runs[0]!) as Array<keyof T>;
  return Object.fromEntries(keys.map((k) => [k, round(median(runs.map((r) => r[k] as number)))])) as T;
}

export const log = (msg: string) => process.stderr.write(`${msg}\n`);
