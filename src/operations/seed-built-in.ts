import { CanvassError } from '../errors/canvass-error.js';
import { parseRegisterCsv } from '../register/parse-register-csv.js';
import { validateResponse } from '../responses/validate-response.js';
import type { Store } from '../storage/store.js';
import { builtInSurveys } from '../surveys/built-in-survey.js';
import { parseDefinitionOrThrow } from './import-definition.js';
import { waveForNewResponses } from './survey-waves.js';

export interface SeedSummary {
  survey: string;
  organisations: number;
  responses: number;
  replaced: number;
}

/**
 * Loads a built-in survey: its definition, its register and its example responses. The
 * example responses replace any earlier seeded ones, so seeding twice leaves one copy;
 * responses collected or imported are kept.
 */
export async function seedBuiltIn(store: Store, surveyId: string, onProgress?: (done: number, total: number) => void): Promise<SeedSummary> {
  const survey = builtInSurveys[surveyId];
  if (!survey) {
    throw new CanvassError('survey.not-found', `There is no built-in survey '${surveyId}'. Built-in surveys: ${Object.keys(builtInSurveys).join(', ')}`);
  }
  const definition = parseDefinitionOrThrow(survey.definitionText(), `the built-in ${surveyId} definition`);
  const register = parseRegisterCsv(survey.registerCsv());
  if (!register.ok) throw new CanvassError('internal', `the built-in ${surveyId} register is invalid`, { problems: register.problems });
  const orgs = new Map(register.organisations.map((o) => [o.id, o]));
  const generated = survey.responses(register.organisations.map((o) => o.id));
  const responses = generated.map((r) => {
    const result = validateResponse(definition, { org: r.org, answers: r.answers }, (id) => orgs.get(id));
    if (!result.ok) throw new CanvassError('internal', `generated response ${r.id} of ${surveyId} is invalid`, { problems: result.problems });
    return { id: r.id, org: result.response.org, answers: result.response.answers, submittedAt: r.submittedAt, wave: waveForNewResponses(definition, undefined) };
  });
  await store.organisations.upsert(register.organisations);
  await store.surveys.save(definition);
  const { inserted, replaced } = await store.responses.insertMany(surveyId, responses, 'seed', { replaceSource: 'seed', ...(onProgress ? { onProgress } : {}) });
  return { survey: surveyId, organisations: register.organisations.length, responses: inserted, replaced };
}
