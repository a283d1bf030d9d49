import type { Definition } from '../src/definition/schema.js';
import type { Organisation } from '../src/register/organisation.js';
import type { NewResponse } from '../src/storage/responses-repository.js';
import type { Store } from '../src/storage/store.js';
import { answersOf, type GeneratedResponses } from './national-responses.js';
import { progressLine } from './progress-line.js';

export interface StoreTarget {
  label: string;
  store: Store;
}

export interface LoadTimes {
  /** Wall time until every target had every response. */
  totalMs: number;
  /** Time each target spent in its insertMany calls (they overlap: the targets load side by side). */
  perTarget: Map<string, number>;
}

/**
 * Stores the register, the definition and every response in each target through the storage
 * layer (`upsert`, `save`, `insertMany` in batches of `batch` responses, one transaction each).
 * The targets load side by side, each batch made once and given to all (SQLite works in this
 * process while PostgreSQL works in its own), to keep the bench's wall time down; loading is
 * timed but is not a goal. No more than one batch of answer objects exists at a time.
 */
export async function storeSurvey(targets: readonly StoreTarget[], definition: Definition, organisations: readonly Organisation[], generated: GeneratedResponses, batch: number): Promise<LoadTimes> {
  const progress = progressLine(`Loading ${targets.map((t) => t.label).join(' and ')}`);
  const started = performance.now();
  const perTarget = new Map<string, number>();
  const submittedAt = '2024-05-01T09:00:00.000Z';
  const batches = async function* (): AsyncGenerator<NewResponse[]> {
    for (let from = 0; from < generated.n; from += batch) {
      const responses: NewResponse[] = [];
      for (let i = from; i < Math.min(from + batch, generated.n); i++) {
        responses.push({ id: `bench-${i + 1}`, org: organisations[generated.orgOf[i]!]!.id, answers: answersOf(definition, generated, i), submittedAt });
      }
      yield responses;
    }
  };
  let done = 0;
  for await (const responses of batches()) {
    await Promise.all(
      targets.map(async ({ label, store }) => {
        if (done === 0) {
          await store.organisations.upsert(organisations);
          await store.surveys.save(definition);
        }
        const insertStarted = performance.now();
        const { inserted } = await store.responses.insertMany(definition.id, responses, 'import');
        perTarget.set(label, (perTarget.get(label) ?? 0) + performance.now() - insertStarted);
        if (inserted !== responses.length) throw new Error(`${label}: stored ${inserted} of ${responses.length} responses`);
      }),
    );
    done += responses.length;
    progress.update(done, generated.n);
  }
  const totalMs = performance.now() - started;
  progress.done(`${generated.n.toLocaleString('en-GB')} responses each`);
  return { totalMs, perTarget };
}
