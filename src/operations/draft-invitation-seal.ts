import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { CanvassError } from '../errors/canvass-error.js';

/**
 * A draft started from an invitation link must count against that invitation when it is sent,
 * yet nothing stored may join answers to the invitation (and so to the person it was sent to).
 * So the draft keeps the invitation's id only sealed: AES-256-GCM under a key derived (HKDF-SHA256)
 * from the draft's own token — which only the respondent holds, in their cookie and resume link;
 * the database has just its SHA-256 — so a copy of the database cannot open it, and a fresh random
 * nonce makes two drafts of one invitation look unrelated. Sealed: base64url of nonce, ciphertext, tag.
 */
const info = 'canvass draft invitation v1';

function keyOf(draftToken: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(draftToken, 'utf8'), Buffer.alloc(0), info, 32));
}

export function sealInvitation(draftToken: string, invitationId: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(draftToken), nonce);
  const sealed = Buffer.concat([cipher.update(invitationId, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The invitation id sealed with this draft token; an internal error if the token is not the one it was sealed with. */
export function openInvitation(draftToken: string, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(draftToken), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new CanvassError('internal', 'A draft’s invitation does not open with its token');
  }
}
