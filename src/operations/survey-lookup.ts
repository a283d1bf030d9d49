import type { Definition } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Store } from '../storage/store.js';

/** The stored definition of a survey, or a user error naming the surveys there are. */
export async function requireSurvey(store: Store, surveyId: string): Promise<Definition> {
  const definition = await store.surveys.get(surveyId);
  if (definition) return definition;
  return notFound(store, surveyId);
}

/** The current definition of a survey with its version (what a new response is validated against and records), or the same user error. */
export async function requireSurveyVersion(store: Store, surveyId: string): Promise<{ definition: Definition; version: number }> {
  return (await store.surveys.getVersioned(surveyId)) ?? notFound(store, surveyId);
}

async function notFound(store: Store, surveyId: string): Promise<never> {
  const known = (await store.surveys.list()).map((s) => s.id);
  throw new CanvassError(
    'survey.not-found',
    known.length > 0
      ? `There is no survey '${surveyId}' in this database. Surveys here: ${known.join(', ')}`
      : `There is no survey '${surveyId}' in this database; it has no surveys yet. Import one with 'canvass survey import FILE' or load the example with 'canvass seed digital-gap-2017'`,
  );
}
