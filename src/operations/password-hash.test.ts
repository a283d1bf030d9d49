import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash.js';

describe('password hashes', () => {
  it('verifies the password that was hashed and refuses any other', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores scrypt with its parameters and a fresh salt, never the password', async () => {
    const [a, b] = [await hashPassword('same password'), await hashPassword('same password')];
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
  });

  it('treats a differently composed but canonically equal password as the same', async () => {
    const hash = await hashPassword('caf\u00e9 au lait');
    expect(await verifyPassword('cafe\u0301 au lait', hash)).toBe(true);
  });

  it.each(['', 'plain', 'scrypt$15$8$1$c2FsdA==$', 'bcrypt$15$8$1$c2FsdA==$aGFzaA==', 'scrypt$40$8$1$c2FsdA==$aGFzaA=='])('refuses the malformed hash %j without throwing', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });
});
