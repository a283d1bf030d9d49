import type { Definition } from '../definition/schema.js';
import { CanvassError } from '../errors/canvass-error.js';
import type { Store } from '../storage/store.js';

/** The stored definition of a survey, or a user error naming the surveys there are. */
export async function requireSurvey(store: Store, surveyId: string): Promise<Definition> {
  const definition = await store.surveys.get(surveyId);
  if (definition) return definition;
  const known = (await store.surveys.list()).map((s) => s.id);
  throw new CanvassError(
    'survey.not-found',
    known.length > 0
      ? `There is no survey '${surveyId}' in this database. Surveys here: ${known.join(', ')}`
      : `There is no survey '${surveyId}' in this database; it has no surveys yet. Import one with 'canvass survey import FILE' or load the example with 'canvass seed digital-gap-2017'`,
  );
}
