import type { BenchmarkBaseSets } from '../analysis/benchmarks/benchmark-base-sets.js';
import type { BenchmarkFigure, BenchmarkQuestion, OrganisationBenchmarkReport } from '../analysis/benchmarks/organisation-benchmarks.js';
import type { RespondentSet } from '../analysis/respondent-sets/respondent-set.js';
import type { Estimate } from '../analysis/results/results-model.js';
import { MemoryDisclosureLedger, offeredGroupKey, type DisclosureLedger, type PublishedGroup } from './disclosure-ledger.js';

export interface BenchmarkDisclosureRules {
  /** The smallest unweighted base a figure may have (the survey's `disclosure.minBase`, 10 by default). */
  minBase: number;
}

/**
 * Applies disclosure control to one organisation's benchmark before it leaves the system. For
 * each figure, with k = minBase and n(·) the unweighted bases of the figure's question:
 *
 * 1. **The organisation's figure** is shown only when n(organisation) ≥ k. It is also withheld
 *    when the rest of its peer group, n(peer group) − n(organisation), or the rest of the sector,
 *    n(sector) − n(organisation), is between 1 and k − 1: the peer group and the sector are
 *    published elsewhere (`canvass results --by org.type`, the topline), so subtracting this
 *    organisation from them would reveal those few respondents (DESIGN.md, complement rule).
 * 2. **The peer group's figure** is shown only when n(peer group) ≥ k, the peer group without the
 *    organisation is 0 or at least k (else it could be recovered as peer group minus
 *    organisation), and the sector outside the peer group is 0 or at least k.
 * 3. **The sector's figure** is shown only when n(sector) ≥ k.
 *
 * A suppressed figure keeps its code and label, says `suppressed: true` with a reason, and has no
 * count, percent, standard error, interval or base. What would let a suppressed figure be worked
 * out goes with it: the organisation's quartile and both comparisons when its own figure is
 * suppressed, the comparison with the rest of the sector when the sector's is, and the comparison
 * with the rest of the peer group when the peer group's is (they become null). The sector median
 * and quartiles are taken only over organisations whose base reaches k, so they stay.
 *
 * With a disclosure ledger (and the figures' base sets), the sector's, then the peer group's, then
 * the organisation's figures of a question are also withheld when their group nests with one
 * published earlier — by `canvass results` or another benchmark — at a difference of 1 to k − 1
 * respondents (an organisation inside a region published with a few more, say); the groups of
 * what is released are recorded.
 */
export function applyBenchmarkDisclosure(
  report: OrganisationBenchmarkReport,
  rules: BenchmarkDisclosureRules,
  published?: {
    ledger: DisclosureLedger;
    sets: Readonly<Record<string, BenchmarkBaseSets>>;
    /**
     * For a release: a question of this organisation's report as an earlier release published it,
     * shown instead of withholding a figure whose group nests too closely with one published
     * before (as EarlierFigures in apply-disclosure.ts).
     */
    earlier?: (questionId: string) => BenchmarkQuestion | undefined;
  },
): OrganisationBenchmarkReport {
  const k = rules.minBase;
  const questions = report.questions.map((question) => ({ ...question, figures: question.figures.map((figure) => discloseFigure(figure, k)) }));
  if (!published) return { ...report, questions };
  const names = { sector: 'everyone', peerGroup: `org.type = ${report.peerGroup.type}`, organisation: `the benchmark of ${report.organisation.name}` };
  return { ...report, questions: questions.map((question) => checkLedger(question, published.ledger, published.sets[question.id], names, k, published.earlier)) };
}

type Level = 'sector' | 'peerGroup' | 'organisation';

/** One question's figures against the ledger, widest group first; records what stays shown. */
function checkLedger(
  question: BenchmarkQuestion,
  ledger: DisclosureLedger,
  sets: BenchmarkBaseSets | undefined,
  names: Record<Level, string>,
  k: number,
  earlier?: (questionId: string) => BenchmarkQuestion | undefined,
): BenchmarkQuestion {
  if (!sets) throw new Error(`no base sets for question '${question.id}': a disclosure ledger needs them`);
  const first = question.figures[0];
  if (!first) return question;
  // The same report's wider figures count as published alongside: an organisation must not nest too closely in its own peer group either.
  const alongside = new MemoryDisclosureLedger(k);
  const shown: Level[] = [];
  let figures = question.figures;
  for (const level of ['sector', 'peerGroup', 'organisation'] as const) {
    const set: RespondentSet = sets[level];
    if (first[level].suppressed || set.size === 0) continue;
    const published = ledger.conflict(question.id, set);
    const near = published ?? alongside.conflict(question.id, set);
    if (!near) {
      alongside.record({ questionId: question.id, ...set, where: names[level] });
      shown.push(level);
      continue;
    }
    // The whole question as published before, if it was: its figures were safe together then, and still are.
    const before = earlier?.(question.id);
    if (before) return before;
    const reason = `it differs by fewer than ${k} respondents from a group published ${published ? 'earlier' : 'alongside it'} (${near.where}), so their answers could be recovered by subtraction`;
    figures = figures.map((figure) => withheld(figure, level, reason));
  }
  // Figures a later definition version added are over the respondents offered them: their groups are checked and recorded under their own key.
  const offeredShown: PublishedGroup[] = [];
  for (const since of [...new Set(figures.map((f) => f.offeredFrom).filter((v): v is number => v !== undefined))].sort((a, b) => a - b)) {
    const versionSets = sets.offered?.[since];
    if (!versionSets) throw new Error(`no base sets for the figures of '${question.id}' offered from version ${since}: a disclosure ledger needs them`);
    const key = offeredGroupKey(question.id, since);
    for (const level of ['sector', 'peerGroup', 'organisation'] as const) {
      const set = versionSets[level];
      if (set.size === 0 || figures.every((f) => f.offeredFrom !== since || f[level].suppressed)) continue;
      const published = ledger.conflict(key, set);
      const near = published ?? alongside.conflict(key, set);
      if (!near) {
        alongside.record({ questionId: key, ...set, where: names[level] });
        offeredShown.push({ questionId: key, ...set, where: names[level] });
        continue;
      }
      const reason = `it differs by fewer than ${k} respondents from a group published ${published ? 'earlier' : 'alongside it'} (${near.where}), so their answers could be recovered by subtraction`;
      figures = figures.map((figure) => (figure.offeredFrom === since ? withheld(figure, level, reason) : figure));
    }
  }
  for (const level of shown) ledger.record({ questionId: question.id, ...sets[level], where: names[level] });
  for (const group of offeredShown) ledger.record(group);
  return { ...question, figures };
}

/** A figure with one level suppressed, and what would let it be worked out withheld with it. */
function withheld(figure: BenchmarkFigure, level: Level, reason: string): BenchmarkFigure {
  const hidden = { ...figure, [level]: suppressIf(figure[level], reason) };
  if (level === 'organisation') return { ...hidden, quartile: null, vsSector: null, vsPeerGroup: null };
  if (level === 'peerGroup') return { ...hidden, vsPeerGroup: null };
  return { ...hidden, vsSector: null };
}

function discloseFigure(figure: BenchmarkFigure, k: number): BenchmarkFigure {
  const own = figure.organisation.base ?? 0;
  const peers = figure.peerGroup.base ?? 0;
  const everyone = figure.sector.base ?? 0;
  const few = (n: number) => n > 0 && n < k;
  const recoverable = `so their answers could be recovered by subtraction`;
  const organisationReason =
    own < k
      ? `fewer than ${k} respondents in the organisation answered`
      : few(peers - own)
        ? `the rest of its peer group has fewer than ${k} respondents, ${recoverable} from the peer group figure`
        : few(everyone - own)
          ? `the rest of the sector has fewer than ${k} respondents, ${recoverable} from the sector figure`
          : undefined;
  const peerGroupReason =
    peers < k
      ? `fewer than ${k} respondents in the peer group answered`
      : few(peers - own)
        ? `the peer group without this organisation has fewer than ${k} respondents, ${recoverable}`
        : few(everyone - peers)
          ? `the sector outside the peer group has fewer than ${k} respondents, ${recoverable}`
          : undefined;
  const sectorReason = everyone < k ? `fewer than ${k} respondents answered` : undefined;
  if (!organisationReason && !peerGroupReason && !sectorReason) return figure;
  return {
    ...figure,
    organisation: suppressIf(figure.organisation, organisationReason),
    peerGroup: suppressIf(figure.peerGroup, peerGroupReason),
    sector: suppressIf(figure.sector, sectorReason),
    quartile: organisationReason ? null : figure.quartile,
    vsSector: organisationReason || sectorReason ? null : figure.vsSector,
    vsPeerGroup: organisationReason || peerGroupReason ? null : figure.vsPeerGroup,
  };
}

function suppressIf(estimate: Estimate, reason: string | undefined): Estimate {
  if (!reason) return estimate;
  return { code: estimate.code, label: estimate.label, count: null, percent: null, se: null, ci95: null, base: null, weightedBase: null, suppressed: true, reason };
}
