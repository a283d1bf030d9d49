import type { Definition, TextQuestion } from '../definition/schema.js';
import type { Store } from '../storage/store.js';
import { requireSurvey } from './survey-lookup.js';

export interface WrittenAnswer {
  responseId: string;
  orgName: string;
  submittedAt: string;
  text: string;
}

/** Free-text answers of the most recent responses, per text question (admins only; never in results). */
export async function writtenAnswers(store: Store, surveyId: string, latest = 200): Promise<{ definition: Definition; scanned: number; questions: Array<{ question: TextQuestion; answers: WrittenAnswer[] }> }> {
  const definition = await requireSurvey(store, surveyId);
  const responses = await store.responses.latest(surveyId, latest);
  const names = new Map((await store.organisations.list()).map((o) => [o.id, o.name]));
  const questions = definition.questions
    .filter((q): q is TextQuestion => q.type === 'text')
    .map((question) => ({
      question,
      answers: responses.flatMap((r) => {
        const text = r.answers[question.id];
        return typeof text === 'string' ? [{ responseId: r.id, orgName: names.get(r.org) ?? r.org, submittedAt: r.submittedAt, text }] : [];
      }),
    }));
  return { definition, scanned: responses.length, questions };
}
