import { describe, expect, it } from 'vitest';
import { errorPage } from './message-page.js';

const csrf = { status: 403, code: 'request.csrf', message: 'The form was not sent from this site, or the page was open too long.', problems: [] } as const;

describe('errorPage', () => {
  it('words a refused form for a respondent as their answers, and for an admin as the form', () => {
    expect(errorPage(csrf, 'respondent')).toMatchObject({ heading: 'Sorry, your answers could not be saved' });
    expect(errorPage(csrf, 'admin')).toMatchObject({ heading: 'Sorry, the form could not be sent' });
    expect(JSON.stringify(errorPage(csrf, 'admin'))).not.toContain('answers');
  });

  it('says a page that is forbidden is not open to the reader, not that answers were lost', () => {
    const forbidden = errorPage({ status: 403, code: 'request.invalid', message: 'Forbidden', problems: [] }, 'other');
    expect(forbidden).toMatchObject({ heading: 'You do not have permission to see this page' });
    expect(JSON.stringify(forbidden)).not.toContain('answers');
  });
});
