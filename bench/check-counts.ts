import type { SurveyResults } from '../src/analysis/results/results-model.js';
import type { Definition } from '../src/definition/schema.js';
import type { ToplineCounts } from './duckdb-counts.js';

/**
 * Checks that Canvass's topline counts every option as DuckDB does (non-substantive options
 * leave a substantive base, so they are not compared): both sides of the ratio must have
 * counted the same thing. Throws on the first difference.
 */
export function checkCounts(definition: Definition, results: SurveyResults, duckdb: ToplineCounts): void {
  for (const question of definition.questions) {
    const expected = duckdb.get(question.id);
    const result = results.questions.find((q) => q.id === question.id);
    if (!expected || !result || !('options' in result) || !('options' in question)) continue;
    question.options.forEach((option, k) => {
      if (option.nonSubstantive) return;
      const count = result.options[k]?.count;
      if (count !== expected[k]) throw new Error(`${question.id} option ${option.code}: Canvass counts ${count}, DuckDB ${expected[k]}`);
    });
  }
}
