import { validateDefinition } from '../src/definition/load-definition.js';
import type { Definition } from '../src/definition/schema.js';
import type { BenchConfig } from './bench-config.js';

export const benchSurveyId = 'national-staff-bench';

const scaleOptions = [
  { code: 'strongly-agree', label: 'Strongly agree' },
  { code: 'agree', label: 'Agree' },
  { code: 'neither', label: 'Neither agree nor disagree' },
  { code: 'disagree', label: 'Disagree' },
  { code: 'strongly-disagree', label: 'Strongly disagree' },
];

/**
 * The generated national survey's questionnaire: single-choice questions of 3–6 options (every
 * fourth with a non-substantive "Don't know" and a substantive base), multi-selects of 8 options,
 * five-point agreement scales with a top-two ("agree") net. No question is required: 5% of items
 * go unanswered. Validated like any imported definition, so defaults are filled in.
 */
export function nationalDefinition(config: BenchConfig): Definition {
  const pad = (k: number) => String(k).padStart(2, '0');
  const singles = Array.from({ length: config.singleQuestions }, (_, k) => {
    const optionCount = 3 + (k % 4);
    const withDontKnow = k % 4 === 3;
    const options = Array.from({ length: optionCount }, (_, o) =>
      withDontKnow && o === optionCount - 1 ? { code: 'dont-know', label: "Don't know", nonSubstantive: true } : { code: `option-${o + 1}`, label: `Answer ${o + 1} of question ${k + 1}` },
    );
    return { id: `q${pad(k + 1)}`, type: 'single', text: `Single-choice question ${k + 1}?`, required: false, options, ...(withDontKnow ? { base: 'substantive' } : {}) };
  });
  const multis = Array.from({ length: config.multiQuestions }, (_, k) => ({
    id: `m${pad(k + 1)}`,
    type: 'multiple',
    text: `Which of these apply (question ${k + 1})?`,
    required: false,
    options: Array.from({ length: config.multiOptions }, (_, o) => ({ code: `item-${o + 1}`, label: `Item ${o + 1} of question ${k + 1}` })),
  }));
  const scales = Array.from({ length: config.scaleQuestions }, (_, k) => ({
    id: `s${pad(k + 1)}`,
    type: 'scale',
    text: `Statement ${k + 1}: how far do you agree?`,
    required: false,
    options: scaleOptions,
    nets: [{ code: 'top-two', label: 'Agree (net: top two)', options: ['strongly-agree', 'agree'] }],
  }));
  const raw = {
    format: 1,
    id: benchSurveyId,
    title: 'National staff survey (generated for the benchmark)',
    questions: [...singles, ...multis, ...scales],
  };
  const result = validateDefinition(raw);
  if (!result.ok) throw new Error(`the generated definition is not valid: ${result.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
  return result.definition;
}
