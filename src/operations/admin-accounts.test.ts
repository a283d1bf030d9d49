import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../../test/support/temp-store.js';
import type { Store } from '../storage/store.js';
import { adminSession, defaultAdminEmail, ensureFirstAdmin, signIn, signOut } from './admin-accounts.js';
import { authenticateApiToken, createApiToken } from './api-tokens.js';
import { createInvitation, findInvitation } from './invitations.js';

let store: Store;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ store, close } = await tempStore());
});
afterEach(() => close());

describe('the first admin', () => {
  it('comes from CANVASS_ADMIN_EMAIL and CANVASS_ADMIN_PASSWORD, and can sign in with them', async () => {
    expect(await ensureFirstAdmin(store, { CANVASS_ADMIN_EMAIL: 'Lead@Example.gov.uk', CANVASS_ADMIN_PASSWORD: 'a long enough password' })).toEqual({ created: true, email: 'lead@example.gov.uk' });
    expect(await signIn(store, 'lead@example.gov.uk', 'a long enough password')).toMatchObject({ token: expect.any(String) });
  });

  it('gets a generated password, returned once, when none is given', async () => {
    const first = await ensureFirstAdmin(store, {});
    expect(first).toMatchObject({ created: true, email: defaultAdminEmail, generatedPassword: expect.stringMatching(/^[A-Za-z2-9]{20}$/) });
    const password = first.created ? first.generatedPassword! : '';
    expect(await signIn(store, defaultAdminEmail, password)).toBeDefined();
    const row = await store.db.selectFrom('admin_users').selectAll().executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(password);
  });

  it('is created only on a database without admins', async () => {
    await ensureFirstAdmin(store, {});
    expect(await ensureFirstAdmin(store, { CANVASS_ADMIN_EMAIL: 'other@example.gov.uk', CANVASS_ADMIN_PASSWORD: 'another long password' })).toEqual({ created: false });
    expect(await store.adminUsers.count()).toBe(1);
  });

  it('refuses a short password or an address that is not an email, creating nothing', async () => {
    await expect(ensureFirstAdmin(store, { CANVASS_ADMIN_PASSWORD: 'short' })).rejects.toThrow(/at least 12 characters/);
    await expect(ensureFirstAdmin(store, { CANVASS_ADMIN_EMAIL: 'nobody' })).rejects.toThrow(/not an email address/);
    expect(await store.adminUsers.count()).toBe(0);
  });
});

describe('signing in', () => {
  beforeEach(async () => {
    await ensureFirstAdmin(store, { CANVASS_ADMIN_EMAIL: 'lead@example.gov.uk', CANVASS_ADMIN_PASSWORD: 'a long enough password' });
  });

  it('refuses a wrong password or an unknown email', async () => {
    expect(await signIn(store, 'lead@example.gov.uk', 'a long enough passwore')).toBeUndefined();
    expect(await signIn(store, 'someone@example.gov.uk', 'a long enough password')).toBeUndefined();
  });

  it('starts a session that signing out ends', async () => {
    const session = await signIn(store, 'LEAD@example.gov.uk', 'a long enough password');
    expect(await adminSession(store, session!.token)).toMatchObject({ email: 'lead@example.gov.uk' });
    await signOut(store, session!.token);
    expect(await adminSession(store, session!.token)).toBeUndefined();
    expect(await adminSession(store, undefined)).toBeUndefined();
  });

  it('ends a session after 12 hours', async () => {
    const start = new Date('2026-05-01T08:00:00Z');
    const session = await signIn(store, 'lead@example.gov.uk', 'a long enough password', start);
    expect(await adminSession(store, session!.token, new Date('2026-05-01T19:59:00Z'))).toBeDefined();
    expect(await adminSession(store, session!.token, new Date('2026-05-01T20:00:01Z'))).toBeUndefined();
  });
});

describe('invitations and API tokens', () => {
  beforeEach(async () => {
    await store.organisations.upsert([{ id: 'org-a', name: 'Org A', type: 'london-borough', nation: 'England' }]);
    await store.surveys.save({ format: 1, id: 'staff', title: 'Staff', disclosure: { minBase: 10 }, submissions: { open: true }, questions: [{ id: 'q', type: 'text', text: 'Q?', required: false, base: 'answered', maxLength: 10 }] });
  });

  it('finds an invitation by its token, usable until it expires, without using it up', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { token, invitation } = await createInvitation(store, { surveyId: 'staff', orgId: 'org-a', singleUse: true, expiresInDays: 7, actor: 'cli:test' }, now);
    expect(await findInvitation(store, token, now)).toMatchObject({ status: 'usable', invitation: { id: invitation.id } });
    expect(await findInvitation(store, token, now)).toMatchObject({ status: 'usable', invitation: { uses: 0 } });
    expect(await findInvitation(store, token, new Date('2026-01-08T00:00:01Z'))).toMatchObject({ status: 'expired' });
    expect(await findInvitation(store, 'not-a-token')).toBeUndefined();
  });

  it('refuses an invitation for an organisation not in the register, or an expiry out of range', async () => {
    await expect(createInvitation(store, { surveyId: 'staff', orgId: 'nope', singleUse: true, actor: 'cli:test' })).rejects.toThrow(/no organisation 'nope'/);
    await expect(createInvitation(store, { surveyId: 'staff', orgId: 'org-a', singleUse: true, expiresInDays: 0, actor: 'cli:test' })).rejects.toThrow(/1 to 366/);
  });

  it('accepts an API token as a bearer token until it is revoked', async () => {
    const { token, apiToken } = await createApiToken(store, { name: 'Reporting', actor: 'cli:test' });
    expect(token).toMatch(/^canvass_/);
    expect(await authenticateApiToken(store, `Bearer ${token}`)).toMatchObject({ id: apiToken.id });
    expect(await authenticateApiToken(store, `bearer   ${token} `)).toMatchObject({ id: apiToken.id });
    expect(await authenticateApiToken(store, token)).toBeUndefined();
    expect(await authenticateApiToken(store, 'Bearer canvass_wrong')).toBeUndefined();
    await store.apiTokens.revoke(apiToken.id);
    expect(await authenticateApiToken(store, `Bearer ${token}`)).toBeUndefined();
  });
});
