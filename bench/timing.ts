export interface Timed<T> {
  /** Median of the timed runs, in milliseconds. */
  median: number;
  runs: number[];
  warmUp: number;
  /** True when the warm-up alone used the budget and is the only measurement. */
  warmUpOnly: boolean;
  last: T;
}

/**
 * Runs `work` once to warm up, then `runs` more times, and gives the median. When the warm-up
 * shows the runs would take more than `budgetMs`, fewer are made; when the warm-up alone took
 * the whole budget, it is the only measurement (a step that long is not helped by a warm JIT),
 * so a slow step cannot take the bench past its time limit. The report shows what was done.
 */
export async function timeRuns<T>(work: () => T | Promise<T>, runs: number, budgetMs = Number.POSITIVE_INFINITY): Promise<Timed<T>> {
  let started = performance.now();
  let last = await work();
  const warmUp = performance.now() - started;
  if (warmUp >= budgetMs) return { median: warmUp, runs: [warmUp], warmUp, warmUpOnly: true, last };
  const affordable = Math.max(1, Math.min(runs, Math.floor(budgetMs / Math.max(warmUp, 1))));
  const times: number[] = [];
  for (let r = 0; r < affordable; r++) {
    started = performance.now();
    last = await work();
    times.push(performance.now() - started);
  }
  return { median: median(times), runs: times, warmUp, warmUpOnly: false, last };
}

/** Times one run of `work` in milliseconds. */
export async function timeOnce<T>(work: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

/** How a timing was made, for the report: "median of [a, b, c]", or one run and why. */
export function describeRuns(timed: Timed<unknown>, format: (ms: number) => string): string {
  if (timed.warmUpOnly) return '1 run (too slow to repeat)';
  if (timed.runs.length === 1) return `1 run after a ${format(timed.warmUp)} warm-up (too slow for more)`;
  return `median of [${timed.runs.map(format).join(', ')}]`;
}
