import type { Estimate, QuestionResult, SurveyResults } from '../results/results-model.js';
import { compareEstimates } from '../results/survey-results.js';

/**
 * Adds to every figure of `current` its change since the same figure in `previous` (another
 * wave): questions matched by id, options and nets by code, groups by key. The waves are
 * independent samples: z = (p₂ − p₁)/√(V₁ + V₂); not tested when either base is under the
 * minimum or either figure is suppressed or missing.
 */
export function compareWaves(current: SurveyResults, previous: SurveyResults, previousWave: string): SurveyResults {
  const against = `wave ${previousWave}`;
  const questions = (now: QuestionResult[], then: QuestionResult[]) =>
    now.map((q) => {
      const before = then.find((p) => p.id === q.id);
      if (q.type === 'number' || q.type === 'text') return q;
      const match = (estimates: Estimate[], earlier: Estimate[] | undefined) =>
        estimates.map((e) => {
          if (e.suppressed) return e;
          const old = earlier?.find((x) => x.code === e.code);
          if (!old || old.suppressed) return { ...e, change: { against, status: 'not-tested' as const, reason: old ? 'suppressed in that wave' : 'not asked in that wave', previousPercent: null } };
          return { ...e, change: { ...compareEstimates(old, e, against), previousPercent: old.percent } };
        });
      const earlier = before && before.type !== 'number' && before.type !== 'text' ? before : undefined;
      return { ...q, options: match(q.options, earlier?.options), nets: match(q.nets, earlier?.nets) };
    });
  return {
    ...current,
    compareWave: previousWave,
    questions: questions(current.questions, previous.questions),
    ...(current.groups
      ? { groups: current.groups.map((g) => ({ ...g, questions: questions(g.questions, previous.groups?.find((p) => p.key === g.key)?.questions ?? []) })) }
      : {}),
  };
}
