/** Addresses of the organisation leads' pages, in one place so links and routes agree. */
export const leadPaths = {
  home: '/lead',
  signIn: '/lead/sign-in',
  /** The page a sign-in link opens (the token in the path: the link is the whole secret). */
  signInLink: (token: string) => `/lead/sign-in/${encodeURIComponent(token)}`,
  signOut: '/lead/sign-out',
  organisation: (surveyId: string, orgId: string) => `/lead/surveys/${encodeURIComponent(surveyId)}/organisations/${encodeURIComponent(orgId)}`,
};
