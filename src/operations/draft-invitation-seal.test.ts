import { describe, expect, it } from 'vitest';
import { openInvitation, sealInvitation } from './draft-invitation-seal.js';
import { newSecretToken } from './secret-token.js';

describe('a draft’s invitation, sealed with its token', () => {
  it('opens with the draft’s token only, and two seals of one invitation look unrelated', () => {
    const { token, hash } = newSecretToken();
    const invitation = '7d8a1c52-3f0e-4b8e-9a51-0c2d9e6f1a33';
    const one = sealInvitation(token, invitation);
    const two = sealInvitation(token, invitation);
    expect(one).not.toBe(two);
    expect(one).not.toContain(invitation);
    expect(openInvitation(token, one)).toBe(invitation);
    expect(openInvitation(token, two)).toBe(invitation);
    // Not with the hash the database keeps, nor another draft's token.
    expect(() => openInvitation(hash, one)).toThrow('does not open');
    expect(() => openInvitation(newSecretToken().token, one)).toThrow('does not open');
  });

  it('refuses a sealed value that was changed', () => {
    const { token } = newSecretToken();
    const sealed = Buffer.from(sealInvitation(token, 'inv-1'), 'base64url');
    sealed[13] = sealed[13]! ^ 1;
    expect(() => openInvitation(token, sealed.toString('base64url'))).toThrow('does not open');
  });
});
