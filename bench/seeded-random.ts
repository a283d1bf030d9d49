import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Uniform numbers in [0, 1) and standard normals, reproducible from a seed. */
export interface SeededRandom {
  uniform(): number;
  normal(): number;
  /** An integer in [0, n). */
  below(n: number): number;
}

export function seededRandom(seed: number): SeededRandom {
  const generator = xoroshiro128plus(seed);
  // One 32-bit draw per number is plenty for a data generator and keeps 100M draws to seconds.
  const uniform = () => (generator.next() >>> 0) / 4294967296;
  return {
    uniform,
    normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
    below: (n) => Math.floor(uniform() * n),
  };
}

/** Shuffles in place (Fisher–Yates). */
export function shuffle<T extends { length: number; [i: number]: unknown }>(items: T, random: SeededRandom): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
