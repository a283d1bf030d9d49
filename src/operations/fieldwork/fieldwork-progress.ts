import { orgAttributeValue, peerGroupAttribute, registerOf, valueLabel, withBands } from '../../definition/register-attributes.js';
import type { Definition } from '../../definition/schema.js';
import { tableToCsv } from '../../reporting/table-csv.js';
import type { Table, TableColumn } from '../../reporting/table-columns.js';
import type { Store } from '../../storage/store.js';
import { requireSurvey } from '../survey-lookup.js';

/**
 * Where fieldwork stands for a group of contacts and responses: an organisation, a peer group,
 * or the whole survey. Counts only: which contact answered is never known, only that their
 * personal link was used.
 */
export interface FieldworkCounts {
  /** Respondent contacts (each with a personal link). */
  respondents: number;
  /** Respondent contacts whose invitation was sent. */
  invited: number;
  /** Personal links opened at least once. */
  opened: number;
  /** Personal links used for a response. */
  responded: number;
  /** responded / invited, in percent; undefined when nobody was invited. */
  invitedRate: number | undefined;
  /** Every response of the organisations (personal links, links they handed out, the open form), withdrawn ones not counted. */
  responses: number;
  /** The register's headcount, summed over those that give one; undefined when none does. */
  headcount: number | undefined;
  /** Responses of the organisations with a headcount over that headcount, in percent; undefined without one. */
  headcountRate: number | undefined;
  /** The last reminder sent to any of the contacts (ISO time). */
  lastRemindedAt: string | undefined;
}

export interface OrganisationProgress extends FieldworkCounts {
  orgId: string;
  name: string;
  /** The organisation's value of the survey's peer-group attribute ('' when it has none) and its label. */
  group: string;
  groupLabel: string;
}

export interface GroupProgress extends FieldworkCounts {
  group: string;
  groupLabel: string;
  organisations: number;
}

export interface FieldworkProgress {
  definition: Definition;
  /** The register attribute whose values group the organisations, and its label. */
  groupAttribute: { id: string; label: string };
  organisations: OrganisationProgress[];
  groups: GroupProgress[];
  total: FieldworkCounts & { organisations: number };
}

const notStated = 'Not stated';

/**
 * A survey's fieldwork as it is now, per organisation that has contacts or responses, per value of
 * the survey's peer-group attribute (labelled from the register schema) and in total: contacts
 * invited, links opened and used, the rate of invited contacts who responded, and all responses
 * against the register's headcount where it is known. Organisations by name; groups in the order
 * the register declares them, then by label.
 */
export async function fieldworkProgress(store: Store, surveyId: string): Promise<FieldworkProgress> {
  const definition = await requireSurvey(store, surveyId);
  const register = registerOf(definition);
  const peer = peerGroupAttribute(definition);
  const [progress, responseCounts, orgs] = await Promise.all([store.contacts.progress(definition.id), store.responses.countByOrg(definition.id), store.organisations.list()]);
  const byContacts = new Map(progress.map((p) => [p.orgId, p]));
  const headcounts = new Map(orgs.map((o) => [o.id, o.headcount]));
  const organisations: OrganisationProgress[] = [];
  for (const org of orgs) {
    const contacts = byContacts.get(org.id);
    const responses = responseCounts.get(org.id) ?? 0;
    if (!contacts && responses === 0) continue;
    const value = orgAttributeValue(withBands(org, register), peer);
    const group = value === undefined ? '' : String(value);
    organisations.push({
      orgId: org.id,
      name: org.name,
      group,
      groupLabel: group === '' ? notStated : valueLabel(register, peer, group),
      ...counts([{ contacts, responses, headcount: org.headcount }]),
    });
  }
  organisations.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.orgId.localeCompare(b.orgId));

  const declared = groupOrder(definition, peer);
  const groupIds = [...new Set(organisations.map((o) => o.group))].sort((a, b) => {
    const [ia, ib] = [declared.indexOf(a), declared.indexOf(b)];
    if (a === '' || b === '') return a === '' ? 1 : -1;
    if (ia !== -1 || ib !== -1) return ia === -1 ? 1 : ib === -1 ? -1 : ia - ib;
    return a.localeCompare(b, 'en-GB');
  });
  const members = (list: OrganisationProgress[]) => list.map((o) => ({ contacts: byContacts.get(o.orgId), responses: o.responses, headcount: headcounts.get(o.orgId) }));
  const groups = groupIds.map((group) => {
    const inGroup = organisations.filter((o) => o.group === group);
    return { group, groupLabel: inGroup[0]!.groupLabel, organisations: inGroup.length, ...counts(members(inGroup)) };
  });
  const attribute = register.attributes.find((a) => a.id === peer);
  return { definition, groupAttribute: { id: peer, label: attribute?.label ?? peer }, organisations, groups, total: { organisations: organisations.length, ...counts(members(organisations)) } };
}

/** The codes of a category or bands attribute in declared order; none for a text attribute. */
function groupOrder(definition: Definition, attribute: string): string[] {
  const declared = registerOf(definition).attributes.find((a) => a.id === attribute);
  if (declared?.type === 'category') return declared.options.map((o) => o.code);
  if (declared?.type === 'bands') return declared.bands.map((b) => b.code);
  return [];
}

type Member = { contacts: { respondents: number; invited: number; opened: number; responded: number; lastRemindedAt: string | undefined } | undefined; responses: number; headcount: number | undefined };

function counts(members: readonly Member[]): FieldworkCounts {
  let [respondents, invited, opened, responded, responses, headcount, responsesWithHeadcount, known] = [0, 0, 0, 0, 0, 0, 0, 0];
  let lastRemindedAt: string | undefined;
  for (const m of members) {
    respondents += m.contacts?.respondents ?? 0;
    invited += m.contacts?.invited ?? 0;
    opened += m.contacts?.opened ?? 0;
    responded += m.contacts?.responded ?? 0;
    responses += m.responses;
    if (m.headcount !== undefined && m.headcount > 0) {
      headcount += m.headcount;
      responsesWithHeadcount += m.responses;
      known++;
    }
    const reminded = m.contacts?.lastRemindedAt;
    if (reminded !== undefined && (lastRemindedAt === undefined || reminded > lastRemindedAt)) lastRemindedAt = reminded;
  }
  return {
    respondents,
    invited,
    opened,
    responded,
    invitedRate: invited > 0 ? (100 * responded) / invited : undefined,
    responses,
    headcount: known > 0 ? headcount : undefined,
    headcountRate: known > 0 ? (100 * responsesWithHeadcount) / headcount : undefined,
    lastRemindedAt,
  };
}

/** The columns a dashboard table can be sorted by, and how. */
export const fieldworkSortKeys = ['name', 'group', 'headcount', 'invited', 'opened', 'responded', 'invitedRate', 'responses', 'headcountRate', 'lastRemindedAt'] as const;
export type FieldworkSortKey = (typeof fieldworkSortKeys)[number];
export type SortDirection = 'ascending' | 'descending';

/**
 * Organisations in the order asked for; those without a value (no headcount, nobody invited, never
 * reminded) last whichever the direction, then by name.
 */
export function sortOrganisations(rows: readonly OrganisationProgress[], key: FieldworkSortKey, direction: SortDirection): OrganisationProgress[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const value = (row: OrganisationProgress): string | number | undefined => (key === 'name' ? row.name : key === 'group' ? row.groupLabel : row[key]);
  return [...rows].sort((a, b) => {
    const [va, vb] = [value(a), value(b)];
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
    } else if (va !== vb) {
      return sign * (typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'en-GB'));
    }
    return a.name.localeCompare(b.name, 'en-GB') || a.orgId.localeCompare(b.orgId);
  });
}

const column = (name: string, type: TableColumn['type'], title: string, description: string): TableColumn => ({ name, type, title, description });

/**
 * The dashboard as a CSV: a row per organisation, per peer group and for the whole survey (`level`),
 * rates in percent unrounded, text cells neutralised against formula injection.
 */
export function fieldworkCsv(progress: FieldworkProgress): string {
  const columns: TableColumn[] = [
    column('level', 'string', 'Level', 'organisation, peer group or all'),
    column('org_id', 'string', 'Organisation id', 'The register id of the organisation (organisation rows)'),
    column('organisation', 'string', 'Organisation', 'The organisation’s name (organisation rows)'),
    column('peer_group', 'string', 'Peer group', `The value of the register attribute ${progress.groupAttribute.id}`),
    column('peer_group_label', 'string', 'Peer group label', progress.groupAttribute.label),
    column('organisations', 'integer', 'Organisations', 'Organisations counted in the row'),
    column('headcount', 'integer', 'Headcount', 'The register’s headcount, summed over the organisations that give one'),
    column('respondent_contacts', 'integer', 'Respondent contacts', 'Contacts with a personal link'),
    column('invited', 'integer', 'Invited', 'Respondent contacts whose invitation was sent'),
    column('opened', 'integer', 'Opened', 'Personal links opened'),
    column('responded', 'integer', 'Responded', 'Personal links used for a response'),
    column('responded_percent_of_invited', 'number', 'Responded, % of invited', 'responded / invited × 100'),
    column('responses', 'integer', 'Responses', 'All responses, through any link or the open form'),
    column('responses_percent_of_headcount', 'number', 'Responses, % of headcount', 'Responses of the organisations with a headcount / their headcount × 100'),
    column('last_reminded_at', 'string', 'Last reminded', 'When a reminder last went to any of the contacts (UTC)'),
  ];
  const cells = (c: FieldworkCounts) => ({
    headcount: c.headcount ?? null,
    respondent_contacts: c.respondents,
    invited: c.invited,
    opened: c.opened,
    responded: c.responded,
    responded_percent_of_invited: c.invitedRate ?? null,
    responses: c.responses,
    responses_percent_of_headcount: c.headcountRate ?? null,
    last_reminded_at: c.lastRemindedAt ?? null,
  });
  const table: Table = {
    columns,
    rows: [
      ...progress.organisations.map((o) => ({ level: 'organisation', org_id: o.orgId, organisation: o.name, peer_group: o.group, peer_group_label: o.groupLabel, organisations: 1, ...cells(o) })),
      ...progress.groups.map((g) => ({ level: 'peer group', org_id: null, organisation: null, peer_group: g.group, peer_group_label: g.groupLabel, organisations: g.organisations, ...cells(g) })),
      { level: 'all', org_id: null, organisation: null, peer_group: null, peer_group_label: null, organisations: progress.total.organisations, ...cells(progress.total) },
    ],
  };
  return tableToCsv(table);
}
