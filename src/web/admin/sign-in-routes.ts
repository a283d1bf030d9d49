import type { FastifyInstance } from 'fastify';
import { signIn, signOut } from '../../operations/admin-accounts.js';
import { errorSummary, form, govuk, heading, paragraph } from '../page-components.js';
import { formBody } from '../form-body.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminCookieName, clearAdminCookie, safeNext, setAdminCookie } from './admin-session.js';

type NextQuery = { Querystring: { next?: string } };

function signInPage(next: string, email: string, errors: { email?: string; password?: string; form?: string }) {
  const summary = [
    ...(errors.form ? [{ text: errors.form, href: '#email' }] : []),
    ...(errors.email ? [{ text: errors.email, href: '#email' }] : []),
    ...(errors.password ? [{ text: errors.password, href: '#password' }] : []),
  ];
  return adminPage(
    'Sign in',
    undefined,
    [
      ...errorSummary(summary),
      heading('Sign in to Canvass admin'),
      form('post', `/admin/sign-in?next=${encodeURIComponent(next)}`, [
        govuk('govukInput', {
          id: 'email',
          name: 'email',
          type: 'email',
          autocomplete: 'username',
          spellcheck: false,
          value: email,
          label: { text: 'Email address', classes: 'govuk-label--s' },
          ...(errors.email ? { errorMessage: { text: errors.email } } : {}),
        }),
        govuk('govukPasswordInput', {
          id: 'password',
          name: 'password',
          autocomplete: 'current-password',
          label: { text: 'Password', classes: 'govuk-label--s' },
          ...(errors.password ? { errorMessage: { text: errors.password } } : {}),
        }),
        govuk('govukButton', { text: 'Sign in', preventDoubleClick: true }),
      ]),
    ],
    { hasErrors: summary.length > 0, signedIn: false },
  );
}

export async function signInRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;
  const csrf = csrfCheck(app);

  app.get<NextQuery>('/sign-in', { config: { public: true } }, async (request, reply) => {
    if (request.admin) return reply.redirect(safeNext(request.query.next));
    return reply.view('page.njk', { ...signInPage(safeNext(request.query.next), '', {}), csrfToken: reply.generateCsrf() });
  });

  app.post<NextQuery>('/sign-in', { config: { public: true, rateLimit: context.rateLimits.signIn }, preHandler: csrf }, async (request, reply) => {
    const body = formBody(request);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(request.query.next);
    const errors = {
      ...(email === '' ? { email: 'Enter your email address' } : {}),
      ...(password === '' ? { password: 'Enter your password' } : {}),
    };
    const session = Object.keys(errors).length === 0 ? await signIn(store, email, password) : undefined;
    if (!session) {
      const shown = Object.keys(errors).length > 0 ? errors : { form: 'The email address or password is not right' };
      return reply.view('page.njk', { ...signInPage(next, email, shown), csrfToken: reply.generateCsrf() }, 400);
    }
    setAdminCookie(reply, session.token, session.expiresAt);
    return reply.redirect(next, 303);
  });

  app.get('/sign-out', async (_request, reply) => {
    const page = adminPage('Sign out', 'account', [heading('Sign out'), paragraph('You will need your email address and password to sign in again.'), form('post', '/admin/sign-out', [govuk('govukButton', { text: 'Sign out' })])]);
    return reply.view('page.njk', { ...page, csrfToken: reply.generateCsrf() });
  });

  app.post('/sign-out', { preHandler: csrf }, async (request, reply) => {
    await signOut(store, request.cookies[adminCookieName]);
    clearAdminCookie(reply);
    return reply.redirect('/admin/sign-in', 303);
  });
}
