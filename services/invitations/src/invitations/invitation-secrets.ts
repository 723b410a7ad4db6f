import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when typed (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Characters of a registration code (31^10: about 49 bits, with an attempt limit of five). */
export const CODE_LENGTH = 10;

/** A fresh link token (256 random bits, base64url) and registration code. Only their hashes are ever stored. */
export function newSecrets(): { token: string; code: string } {
  const token = randomBytes(32).toString('base64url');
  const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return { token, code };
}

/** How a code is shown and typed: two groups of five, `ABCDE-FGHJK`. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A typed code as stored: upper case, without spaces or dashes. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** Hash of a link token; the token is random enough that a plain SHA-256 cannot be reversed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Hash of a registration code; codes are short, so a secret pepper keeps a stolen table from being brute-forced. */
export function hashCode(code: string, pepper: string): string {
  return createHmac('sha256', pepper).update(normalizeCode(code)).digest('hex');
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string | null | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
