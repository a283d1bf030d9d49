import type { FastifyInstance } from 'fastify';
import { CanvassError } from '../../errors/canvass-error.js';
import { addContact, contactStatus, listContacts, removeContact, type ContactForm } from '../../operations/fieldwork/contacts.js';
import { describeClosing, parseClosing, setSurveyClosing, surveyClosesAt } from '../../operations/fieldwork/survey-closing.js';
import { requireSurvey } from '../../operations/survey-lookup.js';
import { formBody, textField } from '../form-body.js';
import { errorSummary, form, govuk, heading, link, paragraph, type Component, type PageComponent } from '../page-components.js';
import { csrfCheck } from '../security.js';
import type { WebContext } from '../web-context.js';
import { adminPage } from './admin-layout.js';
import { adminPaths } from './admin-paths.js';
import { adminActor } from './admin-session.js';

type SurveyParams = { Params: { surveyId: string } };
type ContactParams = { Params: { surveyId: string; contactId: string } };

type Errors = Partial<Record<keyof ContactForm | 'closes' | 'contact', string>>;
const emptyForm: ContactForm = { org: '', email: '', name: '', role: '', language: '' };

/**
 * A survey's contacts in the admin: the list with where each one's emails stand, adding one
 * (a respondent gets their personal link), removing one (their link stops working), and the
 * survey's closing date. Sending stays on the command line (`canvass invitations send`): it runs
 * for minutes, paced, and can be resumed.
 */
export async function contactsAdminRoutes(app: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;
  const csrf = csrfCheck(app);

  async function contactsPage(surveyId: string, input: ContactForm, closesInput: string | undefined, errors: Errors, notice?: string) {
    const definition = await requireSurvey(store, surveyId);
    const organisations = [...(await store.organisations.list())].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const contacts = await listContacts(store, surveyId);
    const closes = await surveyClosesAt(store, definition);
    const closed = closes !== undefined && closes.getTime() <= Date.now();
    const field = (name: keyof Errors) => (errors[name] ? { errorMessage: { text: errors[name] } } : {});
    const components: PageComponent[] = [
      ...errorSummary((Object.entries(errors) as Array<[keyof Errors, string]>).map(([name, text]) => ({ text, href: `#${name === 'role' ? 'role' : name}` }))),
      ...(notice ? [govuk('govukNotificationBanner', { type: 'success', titleText: 'Success', text: notice })] : []),
      heading('Contacts', { caption: definition.title }),
      paragraph('Respondents each get a personal link that works for one response, for their organisation. A response records that a link was used, never who answered.'),
      paragraph(`Send invitations and reminders from the command line: canvass invitations send ${definition.id} (add --reminder for reminders).`),
      link('Fieldwork: who has been invited, and response rates', adminPaths.fieldwork(surveyId)),
      heading('Closing date', { level: 2 }),
      paragraph(closes === undefined ? 'The survey has no closing date.' : `The survey ${closed ? 'closed' : 'closes'} ${describeClosing(closes)}. After it, links and the form say the survey has closed, and no reminders are sent.`),
      form('post', adminPaths.closing(surveyId), [
        govuk('govukInput', {
          id: 'closes',
          name: 'closes',
          value: closesInput ?? '',
          spellcheck: false,
          classes: 'govuk-input--width-20',
          label: { text: 'New closing date', classes: 'govuk-label--s' },
          hint: { text: 'A date, such as 2026-05-01 (closes at the end of that day, UTC), or a date and time with its offset, such as 2026-05-01T17:00:00+01:00. Leave empty to remove the date set here.' },
          ...field('closes'),
        }),
        govuk('govukButton', { text: 'Set closing date', classes: 'govuk-button--secondary', preventDoubleClick: true }),
      ]),
      heading(`${contacts.length.toLocaleString('en-GB')} contact${contacts.length === 1 ? '' : 's'}`, { level: 2 }),
      contacts.length === 0
        ? paragraph(`No contacts yet. Add them below, or import a file: canvass contacts import ${definition.id} FILE.csv`)
        : govuk('govukTable', {
            head: [{ text: 'Organisation' }, { text: 'Role' }, { text: 'Name' }, { text: 'Email' }, { text: 'Status' }],
            rows: contacts.map((c) => [{ text: names.get(c.orgId) ?? c.orgId }, { text: c.role === 'lead' ? 'Lead' : 'Respondent' }, { text: c.name }, { text: c.email, classes: 'canvass-break-anywhere' }, { text: contactStatus(c) }]),
          }),
      form('post', adminPaths.contacts(surveyId), [
        heading('Add a contact', { level: 2 }),
        govuk('govukSelect', {
          id: 'org',
          name: 'org',
          label: { text: 'Organisation', classes: 'govuk-label--s' },
          items: [{ value: '', text: 'Choose an organisation', selected: input.org === '' }, ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === input.org }))],
          attributes: { 'data-canvass-autocomplete': '' },
          ...field('org'),
        }),
        govuk('govukInput', { id: 'name', name: 'name', value: input.name, autocomplete: 'off', label: { text: 'Name', classes: 'govuk-label--s' }, ...field('name') }),
        govuk('govukInput', { id: 'email', name: 'email', type: 'email', value: input.email, spellcheck: false, autocomplete: 'off', label: { text: 'Email address', classes: 'govuk-label--s' }, ...field('email') }),
        govuk('govukRadios', {
          idPrefix: 'role',
          name: 'role',
          fieldset: { legend: { text: 'Role', classes: 'govuk-fieldset__legend--s' } },
          items: [
            { value: 'respondent', text: 'Respondent', hint: { text: 'Gets a personal link to the survey' }, checked: input.role === 'respondent' },
            { value: 'lead', text: 'Organisation lead', hint: { text: 'Follows their organisation’s progress' }, checked: input.role === 'lead' },
          ],
          ...field('role'),
        }),
        govuk('govukInput', {
          id: 'language',
          name: 'language',
          value: input.language,
          spellcheck: false,
          classes: 'govuk-input--width-5',
          label: { text: 'Language (optional)', classes: 'govuk-label--s' },
          hint: { text: 'A language tag such as cy, for texts the definition has in that language' },
          ...field('language'),
        }),
        govuk('govukButton', { text: 'Add contact', preventDoubleClick: true }),
      ]),
    ];
    if (contacts.length > 0) {
      components.push(
        form('get', adminPaths.removeContactChoice(surveyId), [
          heading('Remove a contact', { level: 2 }),
          govuk('govukSelect', {
            id: 'contact',
            name: 'contact',
            label: { text: 'Contact', classes: 'govuk-label--s' },
            items: [{ value: '', text: 'Choose a contact' }, ...contacts.map((c) => ({ value: c.id, text: `${c.name} (${c.email}), ${c.role}, ${names.get(c.orgId) ?? c.orgId}` }))],
            attributes: { 'data-canvass-autocomplete': '' },
            ...field('contact'),
          }),
          govuk('govukButton', { text: 'Continue', classes: 'govuk-button--secondary' }),
        ]),
      );
    }
    return adminPage(`Contacts – ${definition.title}`, 'surveys', components as Component[], { backLink: '/admin', hasErrors: Object.keys(errors).length > 0, autocomplete: true });
  }

  app.get<SurveyParams & { Querystring: { added?: string; removed?: string; closing?: string } }>('/surveys/:surveyId/contacts', async (request, reply) => {
    const { added, removed, closing } = request.query;
    const notice = added === '1' ? 'Contact added' : removed === '1' ? 'Contact removed; their link no longer works' : closing === '1' ? 'Closing date saved' : undefined;
    return reply.view('page.njk', { ...(await contactsPage(request.params.surveyId, emptyForm, undefined, {}, notice)), csrfToken: reply.generateCsrf() });
  });

  app.post<SurveyParams>('/surveys/:surveyId/contacts', { preHandler: csrf }, async (request, reply) => {
    const surveyId = request.params.surveyId;
    const body = formBody(request);
    const input: ContactForm = { org: textField(body, 'org'), email: textField(body, 'email'), name: textField(body, 'name'), role: textField(body, 'role'), language: textField(body, 'language') };
    try {
      await addContact(store, surveyId, input, adminActor(request));
    } catch (error) {
      if (!(error instanceof CanvassError) || error.code !== 'import.invalid') throw error;
      const errors: Errors = {};
      for (const problem of error.problems) {
        const name = problem.where as keyof ContactForm;
        errors[name] ??= fieldMessage(name, problem.code, problem.message);
      }
      return reply.view('page.njk', { ...(await contactsPage(surveyId, input, undefined, errors)), csrfToken: reply.generateCsrf() }, 400);
    }
    return reply.redirect(`${adminPaths.contacts(surveyId)}?added=1`, 303);
  });

  app.post<SurveyParams>('/surveys/:surveyId/closing', { preHandler: csrf }, async (request, reply) => {
    const surveyId = request.params.surveyId;
    await requireSurvey(store, surveyId);
    const given = textField(formBody(request), 'closes');
    let closes: Date | undefined;
    try {
      closes = given === '' ? undefined : parseClosing(given);
    } catch {
      const errors: Errors = { closes: 'Enter a date like 2026-05-01, or a date and time with its offset like 2026-05-01T17:00:00+01:00' };
      return reply.view('page.njk', { ...(await contactsPage(surveyId, emptyForm, given, errors)), csrfToken: reply.generateCsrf() }, 400);
    }
    await setSurveyClosing(store, surveyId, closes, adminActor(request));
    return reply.redirect(`${adminPaths.contacts(surveyId)}?closing=1`, 303);
  });

  app.get<SurveyParams & { Querystring: { contact?: string } }>('/surveys/:surveyId/contacts/remove', async (request, reply) => {
    const contactId = typeof request.query.contact === 'string' ? request.query.contact : '';
    if (contactId === '') {
      return reply.view('page.njk', { ...(await contactsPage(request.params.surveyId, emptyForm, undefined, { contact: 'Choose the contact to remove' })), csrfToken: reply.generateCsrf() }, 400);
    }
    return reply.redirect(adminPaths.removeContact(request.params.surveyId, contactId), 303);
  });

  app.get<ContactParams>('/surveys/:surveyId/contacts/:contactId/remove', async (request, reply) => {
    const { surveyId, contactId } = request.params;
    const contact = await store.contacts.get(surveyId, contactId);
    if (!contact) return reply.callNotFound();
    const page = adminPage(
      'Remove the contact',
      'surveys',
      [
        heading(`Remove ${contact.name} (${contact.email})?`),
        paragraph(contact.role === 'respondent' ? 'Their personal link will stop working, and they will get no reminders. A response already sent through it is kept.' : 'They will no longer be able to sign in as their organisation’s lead.'),
        form('post', adminPaths.removeContact(surveyId, contactId), [govuk('govukButton', { text: 'Remove contact', classes: 'govuk-button--warning' })]),
        link('Cancel', adminPaths.contacts(surveyId)),
      ],
      { backLink: adminPaths.contacts(surveyId) },
    );
    return reply.view('page.njk', { ...page, csrfToken: reply.generateCsrf() });
  });

  app.post<ContactParams>('/surveys/:surveyId/contacts/:contactId/remove', { preHandler: csrf }, async (request, reply) => {
    const { surveyId, contactId } = request.params;
    if (!(await removeContact(store, surveyId, contactId, adminActor(request)))) return reply.callNotFound();
    return reply.redirect(`${adminPaths.contacts(surveyId)}?removed=1`, 303);
  });
}

/** A field's error as the GOV.UK pattern words it: what to do. */
function fieldMessage(field: keyof ContactForm, code: string, message: string): string {
  if (code === 'required') return { org: 'Select the organisation', email: 'Enter an email address', name: 'Enter a name', role: 'Select a role', language: '' }[field] || message;
  if (code === 'already-stored') return message.replace(/^\S+ is/, 'This email address is');
  switch (field) {
    case 'org':
      return 'Select an organisation from the list';
    case 'email':
      return 'Enter an email address in the correct format, like name@example.org';
    case 'name':
      return 'Enter a name of at most 200 characters, on one line';
    case 'role':
      return 'Select a role';
    case 'language':
      return 'Enter a language tag such as cy, or leave it empty';
  }
}
