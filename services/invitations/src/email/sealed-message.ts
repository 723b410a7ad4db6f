import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { RenderedEmail } from './invitation-templates';

/** A message waiting to be sent: recipient and rendered parts. */
export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** Values SendGrid reports back with events (invitation id, delivery id). */
  customArgs: Record<string, string>;
}

/**
 * Seals an e-mail for the time it waits in the database: AES-256-GCM with EMAIL_PAYLOAD_KEY. The e-mail carries the
 * link token and the registration code, which must never rest in the clear; the sealed copy is erased once sent.
 */
export function seal(email: OutgoingEmail, base64Key: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(email), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens a sealed e-mail; throws when the key is wrong or the data was altered. */
export function unseal(sealed: Buffer, base64Key: string): OutgoingEmail {
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8'));
}
