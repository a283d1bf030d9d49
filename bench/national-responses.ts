import type { Answers, Definition, Question } from '../src/definition/schema.js';
import type { BenchConfig } from './bench-config.js';
import type { NationalRegister } from './national-register.js';
import { shuffle, type SeededRandom } from './seeded-random.js';

/**
 * The generated responses, kept columnar (about 30 MB for 500,000 respondents) so the bench's
 * own data does not crowd what it measures; {@link answersOf} makes one respondent's answers
 * as the store keeps them, when they are needed.
 */
export interface GeneratedResponses {
  n: number;
  /** Organisation (index into the register) per respondent, in arrival order. */
  orgOf: Int32Array;
  /** Single choice and scales: option index per respondent, −1 when not answered. */
  choice: Map<string, Int8Array>;
  /** Multi-select: a bitmask of options chosen per respondent (bit k = option k), 0 when not answered. */
  multi: Map<string, Uint8Array>;
}

type ChoiceQuestion = Extract<Question, { type: 'single' | 'scale' | 'multiple' }>;

/**
 * Answers that differ between organisations (so intervals, cross-tabs and benchmarks have
 * something to find) and correlate within a respondent (a latent "positivity" drives every
 * scale): single choice from per-organisation perturbed category probabilities, scales from an
 * ordered latent variable cut at thresholds, multi-select options drawn independently with
 * per-organisation probabilities (at least one option when answered). Each item is missing with
 * probability `itemNonResponse`.
 */
export function generateResponses(definition: Definition, register: NationalRegister, config: BenchConfig, random: SeededRandom, onProgress?: (done: number, total: number) => void): GeneratedResponses {
  const orgCount = register.organisations.length;
  const n = register.respondents.reduce((a, b) => a + b, 0);
  const orgOf = new Int32Array(n);
  let at = 0;
  register.respondents.forEach((size, o) => {
    orgOf.fill(o, at, at + size);
    at += size;
  });
  shuffle(orgOf, random);

  const questions = definition.questions.filter((q): q is ChoiceQuestion => q.type === 'single' || q.type === 'scale' || q.type === 'multiple');
  const plans = questions.map((q) => planQuestion(q, orgCount, random));
  const choice = new Map<string, Int8Array>();
  const multi = new Map<string, Uint8Array>();
  const columns = questions.map((q) => {
    if (q.type === 'multiple') {
      const column = new Uint8Array(n);
      multi.set(q.id, column);
      return column;
    }
    const column = new Int8Array(n);
    choice.set(q.id, column);
    return column;
  });

  const missing = config.itemNonResponse;
  for (let i = 0; i < n; i++) {
    const o = orgOf[i]!;
    const positivity = random.normal();
    for (let q = 0; q < plans.length; q++) {
      const plan = plans[q]!;
      const column = columns[q]!;
      if (random.uniform() < missing) {
        column[i] = plan.kind === 'multi' ? 0 : -1;
        continue;
      }
      if (plan.kind === 'single') column[i] = pick(plan.cumulative, o * plan.k, plan.k, random.uniform());
      else if (plan.kind === 'scale') {
        const u = random.uniform();
        const latent = plan.orgShift[o]! + 0.8 * positivity + Math.log(u / (1 - u) || Number.MIN_VALUE);
        let code = 0;
        while (code < plan.thresholds.length && latent < plan.thresholds[code]!) code++;
        column[i] = code;
      } else {
        let bits = 0;
        for (let k = 0; k < plan.k; k++) if (random.uniform() < plan.chance[o * plan.k + k]!) bits |= 1 << k;
        column[i] = bits === 0 ? 1 << random.below(plan.k) : bits;
      }
    }
    if (onProgress && (i + 1) % 50_000 === 0) onProgress(i + 1, n);
  }
  onProgress?.(n, n);
  return { n, orgOf, choice, multi };
}

type Plan =
  | { kind: 'single'; k: number; cumulative: Float64Array }
  | { kind: 'scale'; orgShift: Float64Array; thresholds: number[] }
  | { kind: 'multi'; k: number; chance: Float64Array };

function planQuestion(question: ChoiceQuestion, orgCount: number, random: SeededRandom): Plan {
  const k = question.options.length;
  if (question.type === 'single') {
    const base = question.options.map((o) => (o.nonSubstantive ? 0.08 : Math.exp(0.8 * random.normal())));
    const cumulative = new Float64Array(orgCount * k);
    for (let o = 0; o < orgCount; o++) {
      const weights = base.map((b) => b * Math.exp(0.35 * random.normal()));
      const total = weights.reduce((a, b) => a + b, 0);
      let sum = 0;
      weights.forEach((w, c) => {
        sum += w / total;
        cumulative[o * k + c] = sum;
      });
      cumulative[o * k + k - 1] = 1;
    }
    return { kind: 'single', k, cumulative };
  }
  if (question.type === 'scale') {
    const offset = 0.5 * random.normal();
    const orgShift = Float64Array.from({ length: orgCount }, () => 0.4 * random.normal());
    return { kind: 'scale', orgShift, thresholds: [1.8, 0.4, -0.6, -1.8].map((t) => t + offset) };
  }
  const base = question.options.map(() => 0.05 + 0.5 * random.uniform());
  const chance = new Float64Array(orgCount * k);
  for (let o = 0; o < orgCount; o++) {
    base.forEach((p, c) => {
      chance[o * k + c] = 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + 0.5 * random.normal())));
    });
  }
  return { kind: 'multi', k, chance };
}

function pick(cumulative: Float64Array, from: number, k: number, u: number): number {
  for (let c = 0; c < k - 1; c++) if (u < cumulative[from + c]!) return c;
  return k - 1;
}

/** One respondent's answers as the store keeps them (unanswered items left out). */
export function answersOf(definition: Definition, generated: GeneratedResponses, i: number): Answers {
  const answers: Answers = {};
  for (const question of definition.questions) {
    if (question.type === 'single' || question.type === 'scale') {
      const code = generated.choice.get(question.id)![i]!;
      if (code >= 0) answers[question.id] = question.options[code]!.code;
    } else if (question.type === 'multiple') {
      const bits = generated.multi.get(question.id)![i]!;
      if (bits !== 0) answers[question.id] = question.options.filter((_, k) => bits & (1 << k)).map((o) => o.code);
    }
  }
  return answers;
}
