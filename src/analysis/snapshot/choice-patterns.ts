/**
 * A multi-select column's choices as one bit pattern per respondent (bit k: option k chosen), so a
 * pass over respondents visits only the options each one chose. Kept per column array: computed
 * once, or handed over by whoever built the column along with it (`keepChoicePatterns`).
 */
const patternCache = new WeakMap<readonly Uint8Array[], Int32Array>();

const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The most options a pattern holds. */
export const maxPatternOptions = 31;

/** Each respondent's choices as a bit pattern (bit k: option k), computed once per column. */
export function choicePatterns(chosen: readonly Uint8Array[]): Int32Array {
  let patterns = patternCache.get(chosen);
  if (patterns) return patterns;
  if (chosen.length > maxPatternOptions) throw new Error(`a multiple-choice question with more than ${maxPatternOptions} options takes the general path`);
  patterns = new Int32Array(chosen[0]?.length ?? 0);
  orPatterns(chosen, patterns, 0, patterns.length);
  patternCache.set(chosen, patterns);
  return patterns;
}

/** Records that `patterns` are the choices of `chosen` (made while the column was built). */
export function keepChoicePatterns(chosen: readonly Uint8Array[], patterns: Int32Array): void {
  patternCache.set(chosen, patterns);
}

/**
 * Sets rows [from, to) of `patterns` from the 0/1 arrays `chosen` (read at the same rows, or at
 * `offset` below them), in one pass over the rows and without a branch per choice.
 */
export function orPatterns(chosen: readonly Uint8Array[], patterns: Int32Array, from: number, to: number, offset = from): void {
  const K = chosen.length;
  if (K <= 8) {
    // Unrolled for the usual sizes: each option's array read once per row.
    const c = Array.from({ length: 8 }, (_, k) => chosen[k] ?? new Uint8Array(to - offset));
    const [c0, c1, c2, c3, c4, c5, c6, c7] = c as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    let i = from;
    let j = from - offset;
    if (littleEndian && c.every((column) => (column.byteOffset + j) % 4 === 0)) {
      // Four rows at a time: each option's four 0/1 bytes read as one word, shifted into place
      // (a choice is 0 or 1, so no byte carries into the next), then the word's bytes are the
      // four rows' patterns.
      const words = (to - from) >>> 2;
      const w = c.map((column) => new Uint32Array(column.buffer, column.byteOffset + j, words));
      const [w0, w1, w2, w3, w4, w5, w6, w7] = w as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
      for (let q = 0; q < words; q++, i += 4) {
        const v = w0[q]! | (w1[q]! << 1) | (w2[q]! << 2) | (w3[q]! << 3) | (w4[q]! << 4) | (w5[q]! << 5) | (w6[q]! << 6) | (w7[q]! << 7);
        patterns[i] = v & 0xff;
        patterns[i + 1] = (v >>> 8) & 0xff;
        patterns[i + 2] = (v >>> 16) & 0xff;
        patterns[i + 3] = v >>> 24;
      }
      j += 4 * words;
    }
    for (; i < to; i++, j++) {
      patterns[i] = c0[j]! | (c1[j]! << 1) | (c2[j]! << 2) | (c3[j]! << 3) | (c4[j]! << 4) | (c5[j]! << 5) | (c6[j]! << 6) | (c7[j]! << 7);
    }
    return;
  }
  patterns.fill(0, from, to);
  for (let k = 0; k < K; k++) {
    const column = chosen[k]!;
    for (let i = from, j = from - offset; i < to; i++, j++) patterns[i]! |= column[j]! << k;
  }
}
