import type { FastifyInstance } from 'fastify';
import { fieldworkCsv, fieldworkProgress, fieldworkSortKeys, sortOrganisations, type FieldworkCounts, type FieldworkSortKey, type SortDirection } from '../../operations/fieldwork/fieldwork-progress.js';
import { countText, percentText, timeText } from '../figure-text.js';
import { govuk, heading, link, paragraph, type Component, type SortableHeader } from '../page-components.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';

type SurveyParams = { Params: { surveyId: string } };
type SortQuery = { Querystring: { sort?: unknown; order?: unknown } };

const columns: Array<{ key: FieldworkSortKey; text: string; numeric: boolean; first: SortDirection }> = [
  { key: 'name', text: 'Organisation', numeric: false, first: 'ascending' },
  { key: 'group', text: 'Group', numeric: false, first: 'ascending' },
  { key: 'headcount', text: 'Headcount', numeric: true, first: 'descending' },
  { key: 'invited', text: 'Invited', numeric: true, first: 'descending' },
  { key: 'opened', text: 'Opened', numeric: true, first: 'descending' },
  { key: 'responded', text: 'Responded', numeric: true, first: 'descending' },
  { key: 'invitedRate', text: 'Responded, % of invited', numeric: true, first: 'ascending' },
  { key: 'responses', text: 'All responses', numeric: true, first: 'descending' },
  { key: 'headcountRate', text: 'Responses, % of headcount', numeric: true, first: 'ascending' },
  { key: 'lastRemindedAt', text: 'Last reminded', numeric: false, first: 'descending' },
];

const countCells = (c: FieldworkCounts) => [
  { text: c.headcount === undefined ? 'Not known' : countText(c.headcount), numeric: true },
  { text: countText(c.invited), numeric: true },
  { text: countText(c.opened), numeric: true },
  { text: countText(c.responded), numeric: true },
  { text: percentText(c.invitedRate), numeric: true },
  { text: countText(c.responses), numeric: true },
  { text: percentText(c.headcountRate), numeric: true },
  { text: timeText(c.lastRemindedAt) },
];

/**
 * A survey's fieldwork dashboard for admins, live: per organisation and per peer group, contacts
 * invited, links opened and used, the rate among the invited and all responses against the
 * register's headcount, and when each was last reminded; sortable on the server by any column
 * (links in the headers, aria-sort on the sorted one), and the same as a CSV. Counts only: it
 * never says which contact answered.
 */
export async function fieldworkAdminRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  app.get<SurveyParams & SortQuery>('/surveys/:surveyId/fieldwork', async (request, reply) => {
    const surveyId = request.params.surveyId;
    const progress = await fieldworkProgress(store, surveyId);
    const { definition, total } = progress;
    const key: FieldworkSortKey = (fieldworkSortKeys as readonly unknown[]).includes(request.query.sort) ? (request.query.sort as FieldworkSortKey) : 'name';
    const column = columns.find((c) => c.key === key)!;
    const order: SortDirection = request.query.order === 'ascending' || request.query.order === 'descending' ? request.query.order : column.first;
    const rows = sortOrganisations(progress.organisations, key, order);
    const head: SortableHeader[] = columns.map((c) => ({
      text: c.key === 'group' ? progress.groupAttribute.label : c.text,
      numeric: c.numeric,
      sort: {
        href: `${adminPaths.fieldwork(surveyId, { sort: c.key, order: c.key === key ? (order === 'ascending' ? 'descending' : 'ascending') : c.first })}#organisations`,
        state: c.key === key ? order : 'none',
      },
    }));
    const components: Component[] = [
      heading('Fieldwork', { caption: definition.title }),
      paragraph('Live figures: they change as people respond. Counts only — a contact’s row says whether their link was used, never which response is theirs.'),
      govuk('govukSummaryList', {
        rows: [
          { key: { text: 'Responded through their own link' }, value: { text: `${countText(total.responded)} of ${countText(total.invited)} invited (${percentText(total.invitedRate)})` } },
          { key: { text: 'Links opened' }, value: { text: `${countText(total.opened)} of ${countText(total.invited)} invited` } },
          { key: { text: 'All responses' }, value: { text: total.headcount === undefined ? countText(total.responses) : `${countText(total.responses)} (${percentText(total.headcountRate)} of the headcount of the organisations that give one)` } },
          { key: { text: 'Organisations' }, value: { text: countText(total.organisations) } },
        ],
      }),
      govuk('govukButton', { text: 'Download as CSV', href: adminPaths.fieldworkCsv(surveyId), classes: 'govuk-button--secondary' }),
      paragraph('“Responded” counts personal links used; “All responses” also counts links an organisation handed out and the open form. Select a column heading to sort by it.'),
      ...(rows.length === 0
        ? [heading('By organisation', { level: 2, id: 'organisations' }), paragraph('No organisation has contacts or responses yet.'), link('Add contacts', adminPaths.contacts(surveyId))]
        : [
            { kind: 'sortableTable' as const, caption: 'By organisation', head, rows: rows.map((o) => [{ text: o.name }, { text: o.groupLabel }, ...countCells(o)]) },
            {
              kind: 'sortableTable' as const,
              caption: `By ${progress.groupAttribute.label.toLowerCase()}`,
              head: [{ text: progress.groupAttribute.label }, { text: 'Organisations', numeric: true }, ...columns.slice(2).map((c) => ({ text: c.text, numeric: c.numeric }))],
              rows: progress.groups.map((g) => [{ text: g.groupLabel }, { text: countText(g.organisations), numeric: true }, ...countCells(g)]),
            },
          ]),
      paragraph('A group’s headcount and its “% of headcount” count only the organisations whose headcount the register gives.', 'govuk-body-s'),
      link('Contacts and the closing date', adminPaths.contacts(surveyId)),
    ];
    return reply.view('page.njk', adminPage(`Fieldwork – ${definition.title}`, 'surveys', components, { backLink: adminPaths.home, fullWidth: true }));
  });

  app.get<SurveyParams>('/surveys/:surveyId/fieldwork/fieldwork.csv', async (request, reply) => {
    const progress = await fieldworkProgress(store, request.params.surveyId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${progress.definition.id}-fieldwork.csv"`)
      .header('x-content-type-options', 'nosniff')
      .send(fieldworkCsv(progress));
  });
}
