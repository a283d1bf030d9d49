/** Addresses of the public report pages, in one place so links and routes agree. */
const survey = (id: string) => `/reports/${encodeURIComponent(id)}`;

export const reportPaths = {
  index: '/reports',
  survey,
  organisations: (id: string) => `${survey(id)}/organisations`,
  organisation: (id: string, orgId: string) => `${survey(id)}/organisations/${encodeURIComponent(orgId)}`,
};
