import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fieldworkProgress, type OrganisationProgress } from '../../operations/fieldwork/fieldwork-progress.js';
import { sendLeadSignInLinks, signInLead, signInLinkMinutes, signInLinkUsable, signOutLead } from '../../operations/fieldwork/lead-access.js';
import { mailTransportFromEnv, type MailTransport } from '../../operations/fieldwork/mail-transport.js';
import { publicBaseUrl } from '../../operations/fieldwork/personal-links.js';
import { describeClosing, surveyClosesAt } from '../../operations/fieldwork/survey-closing.js';
import { publishedOrganisations } from '../../operations/published-reports.js';
import { countText, percentText } from '../figure-text.js';
import { formBody, textField } from '../form-body.js';
import { componentPage, errorSummary, form, govuk, heading, link, paragraph, type Component, type PageComponent } from '../page-components.js';
import { reportPaths } from '../reports/report-paths.js';
import { csrfCheck } from '../security.js';
import type { ViewModel } from '../views.js';
import type { WebContext } from '../web-context.js';
import { leadPaths } from './lead-paths.js';
import { clearLeadCookie, leadCookieName, loadLead, setLeadCookie } from './lead-session.js';

export interface LeadRouteOptions extends WebContext {
  /** Where the mail transport and the public address (CANVASS_PUBLIC_URL) come from. */
  env: NodeJS.ProcessEnv;
}

type TokenParams = { Params: { token: string } };
type OrganisationParams = { Params: { surveyId: string; orgId: string } };

const serviceName = 'Survey progress for organisation leads';
const emailSchema = z.email();

const leadPage = (title: string, components: PageComponent[], options: { hasErrors?: boolean } = {}): ViewModel =>
  componentPage({ title, serviceName, serviceUrl: leadPaths.home, ...(options.hasErrors ? { hasErrors: true } : {}) }, components);

const expiredLink = () =>
  leadPage('This sign-in link has expired or has been used', [
    heading('This sign-in link has expired or has been used'),
    paragraph(`A sign-in link works once, for ${signInLinkMinutes} minutes.`),
    link('Get a new link', leadPaths.signIn),
  ]);

/**
 * /lead: an organisation's lead signs in with a one-time link sent to their address (no
 * password), and sees their own organisation's live response count and rate — counts, never
 * answers — and its published benchmark report once there is one; every other organisation's page
 * is "Page not found". Other organisations' figures only when the survey turns on a league table.
 * The session cookie opens only these pages.
 */
export async function leadRoutes(app: FastifyInstance, options: LeadRouteOptions): Promise<void> {
  const { store, env } = options;
  const csrf = csrfCheck(app);
  app.decorateRequest('lead', null);
  app.addHook('onRequest', loadLead(store));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // Sign-in emails go after the answer, so that how long it takes never tells whether an address is a lead's.
  let transport: MailTransport | undefined;
  const sending = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...sending]);
    transport?.close();
  });
  function sendInBackground(email: string) {
    const work = (async () => {
      const baseUrl = publicBaseUrl(undefined, env);
      transport ??= mailTransportFromEnv(env);
      const mail = transport;
      await sendLeadSignInLinks(store, email, { baseUrl, send: (message) => mail.send(message) });
    })()
      .catch((error: unknown) => app.log.error({ err: error }, 'a lead sign-in link was not sent'))
      .finally(() => sending.delete(work));
    sending.add(work);
  }

  function signInPage(email: string, error?: string): ViewModel {
    return leadPage(
      'Sign in',
      [
        ...errorSummary(error ? [{ text: error, href: '#email' }] : []),
        heading('Sign in to follow your organisation'),
        paragraph('If you lead your organisation’s part in a survey, we will email you a link to sign in. You do not need a password.'),
        form('post', leadPaths.signIn, [
          govuk('govukInput', {
            id: 'email',
            name: 'email',
            type: 'email',
            autocomplete: 'email',
            spellcheck: false,
            value: email,
            label: { text: 'Email address', classes: 'govuk-label--s' },
            hint: { text: 'The address the survey team has for you' },
            ...(error ? { errorMessage: { text: error } } : {}),
          }),
          govuk('govukButton', { text: 'Send me a link', preventDoubleClick: true }),
        ]),
      ],
      { hasErrors: error !== undefined },
    );
  }

  app.get('/', async (request, reply) => reply.redirect(request.lead ? leadPaths.organisation(request.lead.surveyId, request.lead.orgId) : leadPaths.signIn));

  app.get<{ Querystring: { signedOut?: string } }>('/sign-in', async (request, reply) => {
    if (request.lead) return reply.redirect(leadPaths.organisation(request.lead.surveyId, request.lead.orgId));
    const page = signInPage('');
    if (request.query.signedOut === '1') (page.components as Component[]).unshift(govuk('govukNotificationBanner', { type: 'success', titleText: 'Success', text: 'You have signed out' }));
    return reply.view('page.njk', { ...page, csrfToken: reply.generateCsrf() });
  });

  app.post('/sign-in', { config: { rateLimit: options.rateLimits.signIn }, preHandler: csrf }, async (request, reply) => {
    const email = textField(formBody(request), 'email').trim();
    const error = email === '' ? 'Enter your email address' : email.length > 254 || !emailSchema.safeParse(email).success ? 'Enter an email address in the correct format, like name@example.org' : undefined;
    if (error) return reply.view('page.njk', { ...signInPage(email.slice(0, 254), error), csrfToken: reply.generateCsrf() }, 400);
    sendInBackground(email);
    const page = leadPage('Check your email', [
      heading('Check your email'),
      paragraph('If this address is an organisation lead’s, we have sent it a link to sign in.'),
      paragraph(`The link works once, for ${signInLinkMinutes} minutes. It may take a few minutes to arrive; check your spam or junk folder too.`),
      link('Send another link', leadPaths.signIn),
    ]);
    return reply.view('page.njk', page);
  });

  // Opening the link only shows a button: a mail scanner that follows links must not use it up.
  app.get<TokenParams>('/sign-in/:token', async (request, reply) => {
    if (!(await signInLinkUsable(store, request.params.token))) return reply.view('page.njk', expiredLink(), 410);
    const page = leadPage('Sign in', [heading('Sign in'), paragraph('Continue to see your organisation’s progress in the survey.'), form('post', leadPaths.signInLink(request.params.token), [govuk('govukButton', { text: 'Continue' })])]);
    return reply.view('page.njk', { ...page, csrfToken: reply.generateCsrf() });
  });

  app.post<TokenParams>('/sign-in/:token', { config: { rateLimit: options.rateLimits.signIn }, preHandler: csrf }, async (request, reply) => {
    const session = await signInLead(store, request.params.token);
    if (!session) return reply.view('page.njk', expiredLink(), 410);
    // A session of this browser for another organisation ends here.
    await signOutLead(store, request.cookies[leadCookieName]);
    setLeadCookie(reply, session.token, session.expiresAt);
    return reply.redirect(leadPaths.organisation(session.lead.surveyId, session.lead.orgId), 303);
  });

  app.get<OrganisationParams>('/surveys/:surveyId/organisations/:orgId', async (request, reply) => {
    const lead = request.lead;
    if (!lead) return reply.redirect(leadPaths.signIn, 303);
    // Another organisation's (or survey's) page does not exist for this lead.
    if (lead.surveyId !== request.params.surveyId || lead.orgId !== request.params.orgId) return reply.callNotFound();
    const progress = await fieldworkProgress(store, lead.surveyId);
    const { definition } = progress;
    const own = progress.organisations.find((o) => o.orgId === lead.orgId);
    const name = own?.name ?? (await store.organisations.get(lead.orgId))?.name ?? lead.orgId;
    const closes = await surveyClosesAt(store, definition);
    const components: PageComponent[] = [
      heading(name, { caption: definition.title }),
      paragraph(`Signed in as ${lead.name} (${lead.email}), lead for ${name}.`, 'govuk-body-s'),
      heading('Responses so far', { level: 2 }),
      govuk('govukSummaryList', { rows: ownRows(own, closes) }),
      paragraph('These are counts, updated as people respond. No one’s answers are shown here, and no figures of single questions until the results are published.'),
      heading('Benchmark report', { level: 2 }),
      ...(await reportLinks(lead.surveyId, lead.orgId, name)),
    ];
    if (definition.leads?.leagueTable) {
      components.push(
        heading('All organisations', { level: 2 }),
        govuk('govukTable', {
          caption: 'Responses by organisation',
          captionClasses: 'govuk-visually-hidden',
          firstCellIsHeader: true,
          head: [{ text: 'Organisation' }, { text: 'Responses', format: 'numeric' }, { text: '% of headcount', format: 'numeric' }, { text: 'Responded, % of invited', format: 'numeric' }],
          rows: [...progress.organisations]
            .sort((a, b) => (b.headcountRate ?? -1) - (a.headcountRate ?? -1) || a.name.localeCompare(b.name, 'en-GB'))
            .map((o) => [{ text: o.orgId === lead.orgId ? `${o.name} (yours)` : o.name }, { text: countText(o.responses), format: 'numeric' }, { text: percentText(o.headcountRate), format: 'numeric' }, { text: percentText(o.invitedRate), format: 'numeric' }]),
        }),
      );
    }
    components.push(form('post', leadPaths.signOut, [govuk('govukButton', { text: 'Sign out', classes: 'govuk-button--secondary' })]));
    return reply.view('page.njk', { ...leadPage(`${name} – ${definition.title}`, components), csrfToken: reply.generateCsrf() });
  });

  app.get('/sign-out', async (request, reply) => {
    if (!request.lead) return reply.redirect(leadPaths.signIn);
    const page = leadPage('Sign out', [heading('Sign out'), paragraph('You will need a new link from your email to sign in again.'), form('post', leadPaths.signOut, [govuk('govukButton', { text: 'Sign out' })])]);
    return reply.view('page.njk', { ...page, csrfToken: reply.generateCsrf() });
  });

  app.post('/sign-out', { preHandler: csrf }, async (request, reply) => {
    await signOutLead(store, request.cookies[leadCookieName]);
    clearLeadCookie(reply);
    return reply.redirect(`${leadPaths.signIn}?signedOut=1`, 303);
  });

  /** The published benchmark report of the organisation, once the survey's results are published. */
  async function reportLinks(surveyId: string, orgId: string, name: string): Promise<Component[]> {
    if (!(await store.publishedReports.get(surveyId))) return [paragraph(`When the survey’s results are published, ${name}’s benchmark report will be linked here.`)];
    const { organisations } = await publishedOrganisations(store, surveyId);
    return [
      organisations.some((o) => o.id === orgId) ? link(`Read ${name}’s benchmark report`, reportPaths.organisation(surveyId, orgId)) : paragraph(`The published results have no benchmark report of ${name}: too few of its people answered to show its figures.`),
      link('Read the report of the whole survey', reportPaths.survey(surveyId)),
    ];
  }
}

function ownRows(own: OrganisationProgress | undefined, closes: Date | undefined) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Responses', countText(own?.responses ?? 0)),
    row('Staff in the register', own?.headcount === undefined ? 'Not known' : countText(own.headcount)),
    row('Response rate', own?.headcountRate === undefined ? 'Not known (the register has no headcount)' : `${percentText(own.headcountRate)} of staff`),
    row('Invited by email', own && own.invited > 0 ? `${countText(own.invited)}, of whom ${countText(own.responded)} responded through their link (${percentText(own.invitedRate)})` : 'None yet'),
    row('Survey closes', closes === undefined ? 'No closing date set' : describeClosing(closes)),
  ];
}
