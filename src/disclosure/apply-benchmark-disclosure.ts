import type { BenchmarkFigure, OrganisationBenchmarkReport } from '../analysis/organisation-benchmarks.js';
import type { Estimate } from '../analysis/results-model.js';

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
 */
export function applyBenchmarkDisclosure(report: OrganisationBenchmarkReport, rules: BenchmarkDisclosureRules): OrganisationBenchmarkReport {
  const k = rules.minBase;
  return {
    ...report,
    questions: report.questions.map((question) => ({ ...question, figures: question.figures.map((figure) => discloseFigure(figure, k)) })),
  };
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
