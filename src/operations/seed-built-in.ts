import { CanvassError } from '../errors/canvass-error.js';
import { parseRegisterCsv, registerColumns } from '../register/parse-register-csv.js';
import { validateResponse } from '../responses/validate-response.js';
import { inTransaction, type Store } from '../storage/store.js';
import { builtInSurveys } from '../surveys/built-in-survey.js';
import { recordAudit } from './audit-log.js';
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
 * responses collected or imported are kept. All of it is one transaction, with the audit log's
 * entry for `actor`.
 */
export async function seedBuiltIn(store: Store, surveyId: string, actor: string, onProgress?: (done: number, total: number) => void): Promise<SeedSummary> {
  const survey = builtInSurveys[surveyId];
  if (!survey) {
    throw new CanvassError('survey.not-found', `There is no built-in survey '${surveyId}'. Built-in surveys: ${Object.keys(builtInSurveys).join(', ')}`);
  }
  const definition = parseDefinitionOrThrow(survey.definitionText(), `the built-in ${surveyId} definition`, { text: survey.registerSchemaText(), source: `the built-in ${surveyId} register schema` });
  const register = parseRegisterCsv(survey.registerCsv(), definition.register);
  if (!register.ok) throw new CanvassError('internal', `the built-in ${surveyId} register is invalid`, { problems: register.problems });
  const orgs = new Map(register.organisations.map((o) => [o.id, o]));
  const generated = survey.responses(register.organisations.map((o) => o.id));
  const responses = generated.map((r) => {
    const result = validateResponse(definition, { org: r.org, answers: r.answers }, (id) => orgs.get(id));
    if (!result.ok) throw new CanvassError('internal', `generated response ${r.id} of ${surveyId} is invalid`, { problems: result.problems });
    return { id: r.id, org: result.response.org, answers: result.response.answers, submittedAt: r.submittedAt, wave: waveForNewResponses(definition, undefined) };
  });
  return inTransaction(store, async (tx) => {
    await tx.organisations.upsert(register.organisations, registerColumns(definition.register));
    await tx.surveys.save(definition, { actor });
    const { inserted, replaced } = await tx.responses.insertMany(surveyId, responses, 'seed', { replaceSource: 'seed', ...(onProgress ? { onProgress } : {}) });
    const summary = { survey: surveyId, organisations: register.organisations.length, responses: inserted, replaced };
    await recordAudit(tx, { actor, action: 'survey.seed', surveyId, details: { organisations: summary.organisations, responses: inserted, replaced } });
    return summary;
  });
}
