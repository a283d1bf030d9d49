import { intervalMethodNames, isIntervalMethod, type IntervalMethod } from '../analysis/intervals/interval-methods.js';
import { kishEffectiveSize } from '../analysis/design/kish-effective-size.js';
import { rakeWeights } from '../analysis/design/rake-weights.js';
import type { DesignSummary } from '../analysis/results/results-model.js';
import { createDesign, type SurveyDesign } from '../analysis/design/survey-design.js';
import type { SurveySnapshot } from '../analysis/snapshot/survey-snapshot.js';
import { expressionAttributes, orgAttributeValue, registerOf } from '../definition/register-attributes.js';
import { CanvassError } from '../errors/canvass-error.js';
import { readCsvTable } from '../tabular/read-csv-table.js';
import { parameterNames, type OptionNames } from './option-names.js';

export interface DesignOptions {
  /** A number question or org.ATTRIBUTE holding each respondent's weight. */
  weights?: string;
  /** A single-choice question or org.ATTRIBUTE, or `none`; default: the organisation when there are several. */
  strata?: string;
  /** A number question or org.ATTRIBUTE with each stratum's population, or `none`; default: org.headcount when every organisation has one and strata are organisations. */
  fpc?: string;
  /** Margins to rake the weights to: CSV text with columns variable,category,total. */
  rake?: { text: string; source: string };
  unit?: string;
  interval?: string;
  /** How messages name these options: the API's parameters unless the caller says otherwise (the CLI's flags). */
  optionNames?: OptionNames;
}

export interface ResolvedDesign {
  design: SurveyDesign;
  summary: DesignSummary;
  unit: 'respondents' | 'organisations';
  interval: IntervalMethod;
}

const units = ['respondents', 'organisations'] as const;

/**
 * Turns the design options of `canvass results` (and the API) into a survey design over a
 * snapshot, with DESIGN.md's defaults: strata are the organisations of a multi-organisation
 * survey; the finite population correction comes from the register's headcounts when every
 * organisation has one; weights are N_h/n_h with FPC, else 1. `unit: organisations` gives each
 * organisation equal weight (1/n_org per respondent) and treats organisations as clusters.
 * Every bad option is a user error that names what to use instead.
 */
export function resolveDesign(snapshot: SurveySnapshot, options: DesignOptions = {}): ResolvedDesign {
  // A design depends only on the snapshot and the options: build it once for every query.
  const key = JSON.stringify([options.weights, options.strata, options.fpc, options.unit, options.interval, options.rake?.source, options.rake?.text]);
  let bySnapshot = designs.get(snapshot);
  if (!bySnapshot) designs.set(snapshot, (bySnapshot = new Map()));
  let resolved = bySnapshot.get(key);
  if (!resolved) bySnapshot.set(key, (resolved = buildDesign(snapshot, options)));
  return resolved;
}

const designs = new WeakMap<SurveySnapshot, Map<string, ResolvedDesign>>();

function buildDesign(snapshot: SurveySnapshot, options: DesignOptions): ResolvedDesign {
  const name = options.optionNames ?? parameterNames;
  const interval = options.interval ?? 'wilson';
  if (!isIntervalMethod(interval)) throw new CanvassError('option.invalid', `"${interval}" is not an interval method: use one of ${intervalMethodNames.join(', ')}`);
  const unit = (options.unit ?? 'respondents') as (typeof units)[number];
  if (!units.includes(unit)) throw new CanvassError('option.invalid', `"${unit}" is not a unit of analysis: use respondents or organisations`);
  const n = snapshot.n;

  if (unit === 'organisations') {
    const orgIds = Array.from(snapshot.orgIndex, (p) => snapshot.orgs[p]!.id);
    const given = (['weights', 'strata', 'fpc', 'rake'] as const).filter((o) => options[o] !== undefined);
    if (given.length > 0) throw new CanvassError('option.invalid', `${name('unit')} organisations gives each organisation equal weight with organisations as clusters; leave out ${given.map(name).join(', ')}`);
    const perOrg = new Map<string, number>();
    for (const id of orgIds) perOrg.set(id, (perOrg.get(id) ?? 0) + 1);
    const design = createDesign({ n, clusters: orgIds, weights: orgIds.map((id) => 1 / perOrg.get(id)!) });
    return { design, unit, interval, summary: { weights: '1/respondents of the organisation', strata: 'none', clusters: 'org.id', fpc: 'none' } };
  }

  const strataField = options.strata ?? (snapshot.orgs.length > 1 ? 'org.id' : 'none');
  const strata = strataField === 'none' ? undefined : strataField.startsWith('org.') ? organisationStrata(snapshot, strataField, name('strata')) : categoricalValues(snapshot, strataField, name('strata'));
  const headcountsKnown = snapshot.orgs.length > 0 && snapshot.orgs.every((o) => o.headcount !== undefined);
  const fpcField = options.fpc ?? (strataField === 'org.id' && headcountsKnown ? 'org.headcount' : 'none');
  const population = fpcField === 'none' ? undefined : numericValues(snapshot, fpcField, name('fpc'));
  const weights = options.weights === undefined ? undefined : numericValues(snapshot, options.weights, name('weights'));
  let design: SurveyDesign;
  try {
    design = createDesign({ n, ...(strata ? { strata } : {}), ...(population ? { population } : {}), ...(weights ? { weights } : {}) });
  } catch (error) {
    throw new CanvassError('option.invalid', `The design options do not fit the data: ${(error as Error).message}. Check ${name('strata')} and ${name('fpc')} (the population must be the same for everyone in a stratum and at least its respondents)`);
  }
  const summary: DesignSummary = {
    weights: options.weights ?? (population ? 'N_h/n_h from the population sizes' : 'none (equal)'),
    strata: strataField,
    clusters: 'none (each respondent)',
    fpc: fpcField,
  };
  if (options.rake) {
    const margins = parseMargins(snapshot, options.rake.text, options.rake.source);
    let raked;
    try {
      raked = rakeWeights({ startingWeights: design.weights, margins });
    } catch (error) {
      throw new CanvassError('option.invalid', `Raking to ${options.rake.source} failed: ${(error as Error).message}`);
    }
    design = { ...design, weights: raked.weights };
    const kish = kishEffectiveSize(raked.weights);
    summary.weights = `raked to ${options.rake.source}`;
    summary.raking = { margins: margins.map((m) => m.name), iterations: raked.iterations, converged: raked.converged, effectiveSize: kish?.effectiveSize ?? 0, designEffect: kish?.designEffect ?? 1 };
  }
  return { design, summary, unit, interval };
}

// `use` in what follows: the option a field was given for, as the caller names it (`strata`,
// `--strata`), or the margins file it is a variable of; messages start with it.
function orgAttribute(snapshot: SurveySnapshot, field: string, use: string): Array<string | number | undefined> {
  // Looked up once per organisation, then spread to its respondents (a plain loop: Array.from
  // with a callback over half a million rows is several times slower).
  const perOrganisation = organisationValues(snapshot, field, use);
  const values = new Array<string | number | undefined>(snapshot.n);
  for (let i = 0; i < snapshot.n; i++) values[i] = perOrganisation[snapshot.orgIndex[i]!];
  return values;
}

/** An organisation attribute's value for each of the snapshot's organisations. */
function organisationValues(snapshot: SurveySnapshot, field: string, use: string): Array<string | number | undefined> {
  const attribute = field.slice(4);
  const known = expressionAttributes(registerOf(snapshot.definition));
  if (!known.includes(attribute)) throw new CanvassError('option.invalid', `${use} ${field}: organisations have no attribute '${attribute}'; use one of ${known.map((a) => `org.${a}`).join(', ')}`);
  return snapshot.orgs.map((org) => orgAttributeValue(org, attribute));
}

/**
 * Strata from an organisation attribute as one number per respondent (organisations with the same
 * value share one): the strata categoricalValues gives, without a string per respondent to hash
 * when the design groups them (half a million in the national survey).
 */
function organisationStrata(snapshot: SurveySnapshot, field: string, use: string): Int32Array {
  const codes = new Map<string | number, number>();
  const perOrganisation = organisationValues(snapshot, field, use).map((value) => {
    if (value === undefined || value === '') return -1;
    if (!codes.has(value)) codes.set(value, codes.size);
    return codes.get(value)!;
  });
  const strata = new Int32Array(snapshot.n);
  let missing = 0;
  for (let i = 0; i < strata.length; i++) if ((strata[i] = perOrganisation[snapshot.orgIndex[i]!]!) < 0) missing++;
  if (missing > 0) throw new CanvassError('option.invalid', `${use} ${field}: ${missing} respondents have no value for it; choose a field everyone has`);
  return strata;
}

function categoricalValues(snapshot: SurveySnapshot, field: string, use: string): Array<string | number> {
  let values: Array<string | number | undefined>;
  if (field.startsWith('org.')) values = orgAttribute(snapshot, field, use);
  else {
    const column = snapshot.columns.get(field);
    if (!column || column.kind !== 'choice') throw new CanvassError('option.invalid', `${use} ${field}: use a single-choice question or org.ATTRIBUTE (such as org.type)`);
    values = Array.from(column.codes, (c) => (c >= 0 ? column.question.options[c]!.code : undefined));
  }
  const missing = values.filter((v) => v === undefined || v === '').length;
  if (missing > 0) throw new CanvassError('option.invalid', `${use} ${field}: ${missing} respondents have no value for it; choose a field everyone has`);
  return values as Array<string | number>;
}

function numericValues(snapshot: SurveySnapshot, field: string, use: string): Float64Array {
  let values: Float64Array;
  if (field.startsWith('org.')) {
    const perOrganisation = organisationValues(snapshot, field, use).map((v) => (v === undefined || v === '' ? Number.NaN : Number(v)));
    values = new Float64Array(snapshot.n);
    for (let i = 0; i < values.length; i++) values[i] = perOrganisation[snapshot.orgIndex[i]!]!;
  } else {
    const column = snapshot.columns.get(field);
    if (!column || column.kind !== 'number') throw new CanvassError('option.invalid', `${use} ${field}: use a number question or org.headcount`);
    values = column.values.slice();
  }
  let bad = 0;
  for (let i = 0; i < values.length; i++) if (!(values[i]! > 0) || !Number.isFinite(values[i]!)) bad++;
  if (bad > 0) throw new CanvassError('option.invalid', `${use} ${field}: ${bad} respondents have no positive number for it`);
  return values;
}

/** Reads a margins CSV (variable,category,total) into raking margins over the snapshot. */
function parseMargins(snapshot: SurveySnapshot, text: string, source: string) {
  const read = readCsvTable(text);
  if (!read.ok) throw new CanvassError('option.invalid', `${source}: ${read.problem.where === 'file' ? '' : `${read.problem.where}: `}${read.problem.message}`);
  const { header, rows } = read.table;
  if (['variable', 'category', 'total'].some((c) => !header.includes(c))) {
    throw new CanvassError('option.invalid', `${source} needs the columns variable,category,total (one row per category of each variable)`);
  }
  const at = (cells: string[], column: string) => (cells[header.indexOf(column)] ?? '').trim();
  const byVariable = new Map<string, Map<string, number>>();
  for (const { row, cells } of rows) {
    const total = Number(at(cells, 'total'));
    if (!(total > 0)) throw new CanvassError('option.invalid', `${source} row ${row}: the total "${at(cells, 'total')}" is not a positive number`);
    const variable = at(cells, 'variable');
    if (!byVariable.has(variable)) byVariable.set(variable, new Map());
    byVariable.get(variable)!.set(at(cells, 'category'), total);
  }
  return [...byVariable.entries()].map(([variable, totals]) => {
    if (!variable.startsWith('org.') && !snapshot.columns.has(variable)) throw new CanvassError('option.invalid', `${source}: '${variable}' is neither a question of the survey nor org.ATTRIBUTE`);
    return { name: variable, categories: categoricalValues(snapshot, variable, `${source}: the variable`).map(String), totals };
  });
}
