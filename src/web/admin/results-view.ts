import { roundHalfUp } from '../../analysis/results/round-half-up.js';
import type { QuestionResult, SurveyResults } from '../../analysis/results/results-model.js';
import { analysisDefinition } from '../../definition/analysis-questions.js';
import { registerOf } from '../../definition/register-attributes.js';
import type { Definition } from '../../definition/schema.js';
import { form, govuk, heading, paragraph, type Component, type PageComponent } from '../page-components.js';

/**
 * The admin results page: the figures `canvass results` prints — base, count, percentage, 95%
 * interval, nets — as GOV.UK tables, the percentage cell with a bar under it (a CSS class per
 * whole percent; the figure itself is the cell's text), and the filter and breakdown controls.
 */
type ChoiceResult = Extract<QuestionResult, { type: 'single' | 'multiple' | 'scale' | 'date' }>;
type Figure = ChoiceResult['options'][number];

export interface ResultsControls {
  filter: string;
  by: string;
  errors: { filter?: string; by?: string };
}

export function percentText(figure: Pick<Figure, 'percent'> & { suppressed?: boolean }): string {
  if (figure.suppressed) return 'Suppressed';
  return figure.percent === null ? '–' : `${roundHalfUp(figure.percent)}%`;
}

function intervalText(ci: [number, number] | null): string {
  return ci ? `${roundHalfUp(ci[0])}–${roundHalfUp(ci[1])}%` : '–';
}

function countText(count: number | null): string {
  return count === null ? '–' : count.toLocaleString('en-GB');
}

/** A percentage cell: the figure as text, and a bar as wide as the figure (views/../canvass.css). */
function barCell(figure: Pick<Figure, 'percent'> & { suppressed?: boolean }) {
  const width = figure.percent === null || figure.suppressed ? undefined : Math.min(100, Math.max(0, roundHalfUp(figure.percent)));
  return { text: percentText(figure), ...(width === undefined ? {} : { classes: `canvass-bar canvass-bar--${width}` }) };
}

export function breakdownChoices(definition: Definition, selected: string) {
  const fields = [
    { value: '', text: 'No breakdown' },
    // The register's attributes to group by (its categories, bands and texts), in its order.
    ...registerOf(definition)
      .attributes.filter((a) => a.type !== 'number')
      .map((a) => ({ value: `org.${a.id}`, text: a.label })),
    // A grid's statements too, each a scale question GRID.STATEMENT.
    ...analysisDefinition(definition).questions.filter((q) => q.type === 'single' || q.type === 'scale').map((q) => ({ value: q.id, text: `Answer to: ${q.text.length > 70 ? `${q.text.slice(0, 69)}…` : q.text}` })),
  ];
  return fields.map((f) => ({ ...f, selected: f.value === selected }));
}

export function resultsControls(definition: Definition, action: string, controls: ResultsControls): PageComponent {
  return form('get', action, [
    govuk('govukInput', {
      id: 'filter',
      name: 'filter',
      value: controls.filter,
      spellcheck: false,
      label: { text: 'Only respondents who match', classes: 'govuk-label--s' },
      hint: { text: 'An expression such as: gap_confidence in (not-very-confident, not-at-all-confident) — or: org.ATTRIBUTE = code, for an attribute of the register. Leave empty for everyone.' },
      ...(controls.errors.filter ? { errorMessage: { text: controls.errors.filter } } : {}),
    }),
    govuk('govukSelect', {
      id: 'by',
      name: 'by',
      label: { text: 'Break down by', classes: 'govuk-label--s' },
      items: breakdownChoices(definition, controls.by),
      ...(controls.errors.by ? { errorMessage: { text: controls.errors.by } } : {}),
    }),
    govuk('govukButton', { text: 'Show results', classes: 'govuk-button--secondary' }),
  ]);
}

export function resultsSummary(results: SurveyResults): Component[] {
  const design = results.design;
  return [
    ...(results.data ? [govuk('govukInsetText', { text: results.data.release === null ? `${results.data.label}: only admins see these figures, and nothing here is recorded as released.` : results.data.label })] : []),
    govuk('govukSummaryList', {
      rows: [
        { key: { text: 'Respondents' }, value: { text: results.respondents.toLocaleString('en-GB') } },
        { key: { text: 'Organisations' }, value: { text: results.organisations.toLocaleString('en-GB') } },
        ...(results.wave ? [{ key: { text: 'Wave' }, value: { text: results.wave } }] : []),
        { key: { text: 'Only respondents who match' }, value: { text: results.filter ?? 'Everyone' } },
        ...(results.by ? [{ key: { text: 'Broken down by' }, value: { text: results.by } }] : []),
        { key: { text: 'Percentages are of' }, value: { text: results.unit } },
        { key: { text: 'Design' }, value: { text: `Weights: ${design.weights}\nStrata: ${design.strata}\nClusters: ${design.clusters}\nFinite population correction: ${design.fpc}`, classes: 'canvass-lines' } },
        { key: { text: '95% intervals' }, value: { text: results.intervalLabel } },
        { key: { text: 'Smallest base shown' }, value: { text: `${results.minBase}: figures with fewer answers are suppressed` } },
      ],
    }),
  ];
}

/** One question's figures: a table per question, and with a breakdown a column per group. */
export function questionComponents(results: SurveyResults, index: number, writtenAnswersHref: string): Component[] {
  const question = results.questions[index]!;
  const groups = results.groups ?? [];
  const base = question.base === null ? 'suppressed' : question.base.toLocaleString('en-GB');
  const components: Component[] = [heading(question.text, { level: 2, caption: `Question ${index + 1} · ${question.id}`, id: `question-${question.id}` }), paragraph(`Base: ${base} ${results.unit} who answered`)];
  if (question.suppressed) return [...components, paragraph(`Not shown: ${question.reason ?? 'too few answers to show without identifying people'}.`)];
  if (question.type === 'text') return [...components, { kind: 'link', text: `Read the ${question.base ?? 0} written answers (admins only)`, href: writtenAnswersHref }];
  if (question.type === 'number') {
    const value = (v: number | null) => (v === null ? '–' : String(roundHalfUp(v, 2)));
    return [
      ...components,
      govuk('govukTable', {
        caption: `Figures for question ${index + 1}`,
        captionClasses: 'govuk-visually-hidden',
        firstCellIsHeader: true,
        head: [{ text: 'Figure' }, { text: 'Value', format: 'numeric' }],
        rows: [
          [{ text: 'Mean' }, { text: value(question.mean), format: 'numeric' }],
          [{ text: 'Median' }, { text: value(question.median), format: 'numeric' }],
          [{ text: 'Lowest' }, { text: value(question.min), format: 'numeric' }],
          [{ text: 'Highest' }, { text: value(question.max), format: 'numeric' }],
        ],
      }),
    ];
  }
  if (question.type === 'multiple') components.push(paragraph('More than one answer allowed: percentages may add up to more than 100.', 'govuk-body-s'));
  if (question.dates) {
    const { earliest, median, latest, period } = question.dates;
    components.push(paragraph(`Earliest ${earliest ?? '–'}, median ${median ?? '–'}, latest ${latest ?? '–'}; answers counted by the ${period} they fall in.`, 'govuk-body-s'));
  }
  const figures: Array<{ figure: Figure; label: string }> = [...question.options.map((o) => ({ figure: o, label: o.label })), ...question.nets.map((n) => ({ figure: n, label: `Net: ${n.label}` }))];

  if (groups.length === 0) {
    components.push(
      govuk('govukTable', {
        caption: `Answers to question ${index + 1}`,
        captionClasses: 'govuk-visually-hidden',
        firstCellIsHeader: true,
        head: [{ text: 'Answer' }, { text: 'Respondents', format: 'numeric' }, { text: 'Percentage' }, { text: '95% interval', format: 'numeric' }],
        rows: figures.map(({ figure, label }) => [{ text: label }, { text: countText(figure.count), format: 'numeric' }, barCell(figure), { text: intervalText(figure.ci95), format: 'numeric' }]),
      }),
    );
    return components;
  }

  const inGroups = groups.map((g) => ({ group: g, question: g.questions.find((q) => q.id === question.id) as ChoiceResult | undefined }));
  components.push(
    govuk('govukTable', {
      caption: `Answers to question ${index + 1} by ${results.by}: percentage of each group`,
      captionClasses: 'govuk-visually-hidden',
      classes: 'canvass-breakdown',
      firstCellIsHeader: true,
      head: [{ text: 'Answer' }, { text: 'All' }, ...inGroups.map(({ group }) => ({ text: group.label }))],
      rows: [
        [{ text: 'Base' }, { text: base }, ...inGroups.map(({ question: q }) => ({ text: q?.base === null || q === undefined ? '–' : q.base.toLocaleString('en-GB') }))],
        ...figures.map(({ figure, label }) => [
          { text: label },
          barCell(figure),
          ...inGroups.map(({ question: q }) => {
            const match = q ? [...q.options, ...q.nets].find((f) => f.code === figure.code) : undefined;
            return match ? barCell(match) : { text: '–' };
          }),
        ]),
      ],
    }),
  );
  return components;
}
