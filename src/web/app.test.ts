import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, WebClient } from '../../test/support/web-client.js';

let app: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ app, close } = await testApp({ admin: false }));
});
afterAll(() => close());

describe('security headers', () => {
  it('send a Content-Security-Policy that allows scripts only from this server, plus govuk-frontend’s one inline line by its hash', async () => {
    const page = await app.inject('/s/digital-gap-2017');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const scriptSources = /script-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? [];
    const inline = [...page.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([^<]*)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    expect(scriptSources).toEqual(["'self'", `'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`]);
  });

  it('send the other helmet headers, and no referrer so links with secrets are not passed on', async () => {
    const page = await app.inject('/s/digital-gap-2017');
    expect(page.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
      'cross-origin-opener-policy': 'same-origin',
    });
  });
});

describe('assets', () => {
  it.each([
    ['/assets/govuk/govuk-frontend.min.css', 'text/css'],
    ['/assets/govuk/govuk-frontend.min.js', 'javascript'],
    ['/assets/fonts/bold-b542beb274-v2.woff2', 'font/woff2'],
    ['/assets/images/favicon.svg', 'image/svg+xml'],
    ['/assets/accessible-autocomplete/accessible-autocomplete.min.js', 'javascript'],
    ['/assets/canvass/app.mjs', 'javascript'],
    ['/assets/canvass/canvass.css', 'text/css'],
  ])('serves %s from the installed packages (no CDN)', async (path, type) => {
    const response = await app.inject(path);
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['content-type'])).toContain(type);
  });

  it('does not serve the packages’ sources', async () => {
    expect((await app.inject('/assets/govuk/index.scss')).statusCode).toBe(404);
    expect((await app.inject('/assets/govuk/template.njk')).statusCode).toBe(404);
    expect((await app.inject('/assets/accessible-autocomplete/../package.json')).statusCode).toBe(404);
  });

  it('has every page link only scripts and styles this server serves', async () => {
    const page = await app.inject('/s/digital-gap-2017/organisation');
    const links = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(4);
    for (const link of links) expect((await app.inject(link)).statusCode, link).toBe(200);
    expect(page.body).not.toMatch(/(?:src|href)="https?:\/\//);
  });
});

describe('requests', () => {
  it('refuses an oversized form post with 413', async () => {
    const client = new WebClient(app);
    await client.get('/s/digital-gap-2017/organisation');
    const response = await client.post('/s/digital-gap-2017/organisation', { org: 'x'.repeat(70_000) });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('That was too much to send');
  });

  it('answers an unknown page with a GOV.UK “Page not found”', async () => {
    const response = await app.inject('/no/such/page');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('words a form refused for its CSRF token for where it was sent: a respondent’s answers, an admin’s form', async () => {
    const respondent = await app.inject({ method: 'POST', url: '/s/digital-gap-2017/organisation', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'org=kent-county-council' });
    expect(respondent.statusCode).toBe(403);
    expect(respondent.body).toContain('Sorry, your answers could not be saved');

    const admin = await app.inject({ method: 'POST', url: '/admin/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a%40b.c&password=x' });
    expect(admin.statusCode).toBe(403);
    expect(admin.body).toContain('Sorry, the form could not be sent');
    expect(admin.body).not.toContain('answers');
  });

  it('answers an address with a malformed % escape with the HTML error page, and JSON under /api/v1', async () => {
    const page = await app.inject('/s/%E0%A4%A');
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('govuk-template');
    expect(page.body).toContain('The web address is not valid');
    expect(page.body).not.toContain('FST_ERR_BAD_URL');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await app.inject('/admin/surveys/%E0%A4%A')).statusCode).toBe(400);

    const api = await app.inject('/api/v1/surveys/%E0%A4%A/results');
    expect(api.statusCode).toBe(400);
    expect(api.json()).toEqual({ error: { code: 'request.invalid', message: expect.stringContaining('not a valid web address') } });
  });

  it('sends the home page to the admin', async () => {
    expect((await app.inject('/')).headers.location).toBe('/admin');
  });
});
