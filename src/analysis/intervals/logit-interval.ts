import { normalQuantile, tQuantile } from '../distributions/distributions.js';
import type { ProportionVariance } from './design-wilson-interval.js';
import type { SurveyDesign } from '../design/survey-design.js';
import { wilsonInterval } from './wilson-interval.js';

/**
 * Quantile of Student's t with `df` degrees of freedom; df = Infinity is the normal quantile.
 * Why the cut-off: @stdlib's t quantile returns 0 for df beyond about 1e16, where t already
 * equals the normal to double precision. df ≤ 0 or NaN gives NaN.
 * Example: studentQuantile(0.975, 119) ≈ 1.98010 (R: qt(0.975, 119)).
 */
export function studentQuantile(probability: number, df: number): number {
  if (!(df > 0)) return Number.NaN;
  return df > 1e15 ? normalQuantile(probability, 0, 1) : tQuantile(probability, df);
}

/**
 * Default degrees of freedom of a design with one respondent per PSU, as R's `degf(design)` for
 * `svydesign(ids = ~1, strata = ~STRATA)`: respondents − strata. For a domain, pass its base:
 * R's `subset(design, …)` keeps only the domain's rows, so df = base − strata present in it.
 * Missing data: respondents outside `inBase` are not counted. Example: 120 respondents, no
 * strata: 119; the oracle's 179 respondents in 6 organisations: 173.
 */
export function designDegreesOfFreedom(design: SurveyDesign, inBase?: ArrayLike<number>): number {
  let n = 0;
  const present = new Uint8Array(design.stratumCount);
  for (let i = 0; i < design.n; i++) {
    if (inBase && !inBase[i]) continue;
    n++;
    present[design.strata[i]!] = 1;
  }
  let strata = 0;
  for (const seen of present) strata += seen;
  return n - strata;
}

/**
 * Logit interval, as R's `svyciprop(method = "logit", df = df)` (survey package, R/svyttest.R:
 * an intercept-only quasibinomial `svyglm`, then a Wald interval with `ddf = df`, back through
 * `expit`). Its sandwich standard error of the intercept equals the delta-method one, so:
 *
 *   η = log(p̂/(1 − p̂)),   se_η = √V / (p̂(1 − p̂)),   [expit(η − t·se_η), expit(η + t·se_η)]
 *
 * with t = qt(1 − α/2, df); df = Infinity (the default) is the normal z. R's default df is
 * `degf(design)` ({@link designDegreesOfFreedom}).
 * Missing data: n = 0 or p̂ = NaN has no interval (null); so has df ≤ 0 (as many strata as
 * respondents: no t quantile). When p̂ is 0 or 1 the logit is infinite (R's `svyglm` reports
 * numerical noise), so textbook Wilson on the unweighted base n is used, as for the default
 * method (DESIGN.md). When V = 0 with 0 < p̂ < 1 (a census) the interval is [p̂, p̂].
 * Example: 37 of 120, equal weights: df = Infinity ≈ [0.23201, 0.39679], df = 119 ≈
 * [0.23130, 0.39775] (oracle `svyciprop_logit_df_inf`, `svyciprop_logit_default_df`; svyglm's
 * iterative fit agrees with the closed form to about 2e-13).
 * Returns proportions in 0..1.
 */
export function logitInterval(estimate: ProportionVariance, df = Number.POSITIVE_INFINITY, level = 0.95): [number, number] | null {
  const { p, variance, n } = estimate;
  if (!(n > 0) || Number.isNaN(p)) return null;
  if (p === 0 || p === 1) return wilsonInterval(p * n, n, normalQuantile(1 - (1 - level) / 2, 0, 1));
  const t = studentQuantile(1 - (1 - level) / 2, df);
  if (Number.isNaN(t) || Number.isNaN(variance)) return null;
  if (variance === 0) return [p, p];
  const eta = Math.log(p / (1 - p));
  const half = (t * Math.sqrt(variance)) / (p * (1 - p));
  return [expit(eta - half), expit(eta + half)];
}

function expit(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}
