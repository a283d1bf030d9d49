/**
 * The size of the generated survey and how often each step is timed. DESIGN.md's figures are
 * the defaults; the environment may shrink them for a quick try (BENCH_RESPONDENTS=50000).
 */
export interface BenchConfig {
  seed: number;
  respondents: number;
  organisations: number;
  singleQuestions: number;
  multiQuestions: number;
  multiOptions: number;
  scaleQuestions: number;
  /** Probability that any one item is left unanswered. */
  itemNonResponse: number;
  /** Timed repetitions after one warm-up; the median is reported. */
  runs: number;
  /** Responses per insertMany call (each call is one transaction). */
  loadBatch: number;
  postgresUrl: string;
  /** Profile the topline (node:inspector) when it misses its goal, or always with BENCH_PROFILE=1. */
  profile: 'on-miss' | 'always' | 'never';
}

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}=${raw}: expected a positive integer`);
  return value;
}

export function benchConfig(): BenchConfig {
  const profile = process.env.BENCH_PROFILE;
  return {
    seed: integer('BENCH_SEED', 20240501),
    respondents: integer('BENCH_RESPONDENTS', 500_000),
    organisations: integer('BENCH_ORGANISATIONS', 1_000),
    singleQuestions: 40,
    multiQuestions: 10,
    multiOptions: 8,
    scaleQuestions: 10,
    itemNonResponse: 0.05,
    runs: integer('BENCH_RUNS', 3),
    loadBatch: integer('BENCH_LOAD_BATCH', 25_000),
    postgresUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    profile: profile === '1' ? 'always' : profile === '0' ? 'never' : 'on-miss',
  };
}
