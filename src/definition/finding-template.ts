import type { Problem } from '../errors/catalogue.js';

/**
 * The placeholders a finding sentence template may use (reporting/finding-sentences.ts fills
 * them): {percent} "38%", {count}, {base}, {unit} "respondents", {label}, {label_lower} (the
 * label with its first letter lower-cased) and {question}.
 */
export const findingPlaceholders = ['percent', 'count', 'base', 'unit', 'label', 'label_lower', 'question'] as const;

export type FindingPlaceholder = (typeof findingPlaceholders)[number];

/** What a number or text question's sentence may say: it has no percentage or option. */
export const questionFindingPlaceholders = ['base', 'unit', 'question'] as const;

/**
 * A problem for each placeholder a template names that it may not use, and for a choice
 * figure's template without {percent}. `kind`: a choice question's figure (an option or net),
 * or a whole number or text question.
 */
export function checkFindingTemplate(template: string, where: string, kind: 'figure' | 'question' = 'figure'): Problem[] {
  const allowed: readonly string[] = kind === 'figure' ? findingPlaceholders : questionFindingPlaceholders;
  const problems: Problem[] = [...template.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !allowed.includes(name))
    .map((name) => ({ where, code: 'unknown-placeholder', message: `the finding names {${name}}, which is not a placeholder ${kind === 'figure' ? 'of a choice question' : 'of a number or text question'}`, expected: allowed.map((p) => `{${p}}`).join(', ') }));
  if (kind === 'figure' && !template.includes('{percent}')) problems.push({ where, code: 'missing-placeholder', message: 'the finding does not state its figure', expected: 'a sentence with {percent}, e.g. "{percent} of {unit} chose {label_lower}"' });
  return problems;
}
