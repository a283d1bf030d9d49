/** Addresses of the admin pages, in one place so links and routes agree. */
const survey = (id: string) => `/admin/surveys/${encodeURIComponent(id)}`;

export const adminPaths = {
  home: '/admin',
  importSurvey: '/admin/surveys/import',
  results: (id: string) => `${survey(id)}/results`,
  responses: (id: string) => `${survey(id)}/responses`,
  writtenAnswers: (id: string) => `${survey(id)}/written-answers`,
  invitations: (id: string) => `${survey(id)}/invitations`,
  report: (id: string) => `${survey(id)}/report`,
  reportPreview: (id: string) => `${survey(id)}/report/preview`,
  publishReport: (id: string) => `${survey(id)}/report/publish`,
  unpublishReport: (id: string) => `${survey(id)}/report/unpublish`,
  revokeInvitation: (id: string, invitationId: string) => `${survey(id)}/invitations/${encodeURIComponent(invitationId)}/revoke`,
  apiTokens: '/admin/api-tokens',
  revokeApiToken: (id: string) => `/admin/api-tokens/${encodeURIComponent(id)}/revoke`,
};
