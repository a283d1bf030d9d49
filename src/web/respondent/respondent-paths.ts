/** The addresses of a survey's respondent pages, in one place so links and routes agree. */
export function respondentPaths(surveyId: string) {
  const base = `/s/${encodeURIComponent(surveyId)}`;
  return {
    base,
    start: base,
    organisation: `${base}/organisation`,
    question: (questionId: string, change = false) => `${base}/questions/${encodeURIComponent(questionId)}${change ? '?change=1' : ''}`,
    check: `${base}/check-answers`,
    confirmation: `${base}/confirmation`,
    saved: `${base}/saved`,
    resume: (token: string) => `${base}/resume/${encodeURIComponent(token)}`,
  };
}

export function invitationPath(token: string): string {
  return `/i/${encodeURIComponent(token)}`;
}
