/** Addresses of the admin pages, in one place so links and routes agree. */
const survey = (id: string) => `/admin/surveys/${encodeURIComponent(id)}`;

export type AggregatesFile = 'aggregates.csv' | 'aggregates.xlsx';
export type ResponsesFile = 'responses.csv' | 'responses.json' | 'responses.xlsx';

export const adminPaths = {
  home: '/admin',
  importSurvey: '/admin/surveys/import',
  results: (id: string) => `${survey(id)}/results`,
  responses: (id: string) => `${survey(id)}/responses`,
  withdrawResponses: (id: string) => `${survey(id)}/responses/withdraw`,
  writtenAnswers: (id: string) => `${survey(id)}/written-answers`,
  invitations: (id: string) => `${survey(id)}/invitations`,
  contacts: (id: string) => `${survey(id)}/contacts`,
  closing: (id: string) => `${survey(id)}/closing`,
  fieldwork: (id: string, query: { sort?: string; order?: string } = {}) => withQuery(`${survey(id)}/fieldwork`, query),
  fieldworkCsv: (id: string) => `${survey(id)}/fieldwork/fieldwork.csv`,
  removeContactChoice: (id: string) => `${survey(id)}/contacts/remove`,
  removeContact: (id: string, contactId: string) => `${survey(id)}/contacts/${encodeURIComponent(contactId)}/remove`,
  downloads: (id: string) => `${survey(id)}/downloads`,
  aggregates: (id: string, file: AggregatesFile, query: { filter?: string; by?: string } = {}) => withQuery(`${survey(id)}/downloads/${file}`, query),
  responsesFile: (id: string, file: ResponsesFile) => `${survey(id)}/downloads/${file}`,
  openData: (id: string, file: string) => `${survey(id)}/open-data/${file}`,
  report: (id: string) => `${survey(id)}/report`,
  reportPreview: (id: string) => `${survey(id)}/report/preview`,
  publishReport: (id: string) => `${survey(id)}/report/publish`,
  releaseData: (id: string) => `${survey(id)}/report/release`,
  unpublishReport: (id: string) => `${survey(id)}/report/unpublish`,
  revokeInvitation: (id: string, invitationId: string) => `${survey(id)}/invitations/${encodeURIComponent(invitationId)}/revoke`,
  apiTokens: '/admin/api-tokens',
  revokeApiToken: (id: string) => `/admin/api-tokens/${encodeURIComponent(id)}/revoke`,
  audit: (page = 1) => withQuery('/admin/audit', { page: page === 1 ? undefined : String(page) }),
  surveyAudit: (id: string, page = 1) => withQuery(`${survey(id)}/audit`, { page: page === 1 ? undefined : String(page) }),
};

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')).toString();
  return search ? `${path}?${search}` : path;
}
