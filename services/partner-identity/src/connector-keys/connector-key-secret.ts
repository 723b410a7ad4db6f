import { createHash, randomBytes } from 'node:crypto';

/** What every connector key starts with, so that a leaked key is recognisable (secret scanners, logs). */
export const CONNECTOR_KEY_PREFIX = 'ppck_';

/** A new key: 32 random bytes (256 bits); only its hash is stored, and its first characters to tell keys apart. */
export function newConnectorKey(): { key: string; hash: Buffer; shownPrefix: string } {
  const key = `${CONNECTOR_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashConnectorKey(key), shownPrefix: key.slice(0, CONNECTOR_KEY_PREFIX.length + 6) };
}

/** SHA-256 of a key: enough for 256 random bits, which no dictionary reaches; looked up by equality. */
export function hashConnectorKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Whether a presented value can be a connector key at all (checked before any database look-up). */
export function looksLikeConnectorKey(value: string): boolean {
  return /^ppck_[A-Za-z0-9_-]{43}$/.test(value);
}
