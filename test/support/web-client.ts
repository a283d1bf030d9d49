import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { ensureFirstAdmin } from '../../src/operations/admin-accounts.js';
import { seedBuiltIn } from '../../src/operations/seed-built-in.js';
import type { Store } from '../../src/storage/store.js';
import { buildWebApp, type WebAppOptions } from '../../src/web/app.js';
import { tempStore } from './temp-store.js';

export const adminEmail = 'lead@example.gov.uk';
export const adminPassword = 'correct horse battery staple';

/** The web app on a fresh SQLite database with the built-in survey and (unless `admin: false`) one admin. */
export async function testApp(options: Partial<WebAppOptions> & { seed?: boolean; admin?: boolean } = {}): Promise<{ app: FastifyInstance; store: Store; url: string; close(): Promise<void> }> {
  const temp = await tempStore();
  if (options.seed !== false) await seedBuiltIn(temp.store, 'digital-gap-2017', 'cli:test');
  // Hashing the admin's password takes a noticeable moment; tests without admin pages skip it.
  if (options.admin !== false) await ensureFirstAdmin(temp.store, { CANVASS_ADMIN_EMAIL: adminEmail, CANVASS_ADMIN_PASSWORD: adminPassword });
  const app = await buildWebApp({ ...options, store: temp.store });
  return {
    app,
    store: temp.store,
    url: temp.url,
    async close() {
      await app.close();
      await temp.close();
    },
  };
}

export type FormValues = Record<string, string | string[]>;

/**
 * A browser without JavaScript, for fastify.inject: keeps cookies (by name: the app's cookie
 * names are unique, so paths can be ignored), reads the CSRF token from the last page, and
 * posts forms as a browser encodes them.
 */
export class WebClient {
  readonly cookies = new Map<string, string>();
  lastPage = '';
  /** The CSRF token of the last page that had a form, as a browser's open tab would keep it. */
  private lastToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url, headers });
  }

  /** Posts a form with the CSRF token of the last page fetched (unless `csrf: false`). */
  async post(url: string, values: FormValues = {}, options: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('_csrf', this.csrfToken());
    for (const [name, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return this.request({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers } });
  }

  /** Follows one redirect (as a browser does after a post), returning the page it leads to. */
  async follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    const location = response.headers.location;
    if (typeof location !== 'string') throw new Error(`expected a redirect, got ${response.statusCode}: ${response.body.slice(0, 300)}`);
    return this.get(location);
  }

  csrfToken(): string {
    if (!this.lastToken) throw new Error('no page fetched so far had a form with a CSRF token');
    return this.lastToken;
  }

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({ ...options, headers: { ...(cookie ? { cookie } : {}), ...(options.headers as Record<string, string> | undefined) } });
    for (const set of response.cookies) {
      const expired = set.maxAge === 0 || (set.expires !== undefined && new Date(set.expires).getTime() < Date.now());
      if (expired || set.value === '') this.cookies.delete(set.name);
      else this.cookies.set(set.name, set.value);
    }
    if ((response.headers['content-type'] ?? '').toString().startsWith('text/html')) {
      this.lastPage = response.body;
      this.lastToken = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? this.lastToken;
    }
    return response;
  }
}

/** Signs the client in as the test admin. */
export async function signInAsAdmin(client: WebClient): Promise<void> {
  await client.get('/admin/sign-in');
  const response = await client.post('/admin/sign-in', { email: adminEmail, password: adminPassword });
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
}

/** The text of the page's <title>. */
export function titleOf(html: string): string {
  return /<title[^>]*>([^<]*)<\/title>/.exec(html)?.[1]?.trim() ?? '';
}
