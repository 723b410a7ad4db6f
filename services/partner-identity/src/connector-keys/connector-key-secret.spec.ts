import { hashConnectorKey, looksLikeConnectorKey, newConnectorKey } from './connector-key-secret';

describe('connector keys', () => {
  it('are 256 random bits behind a recognisable prefix, stored as their SHA-256', () => {
    const a = newConnectorKey();
    const b = newConnectorKey();
    expect(a.key).toMatch(/^ppck_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.hash.equals(hashConnectorKey(a.key))).toBe(true);
    expect(a.hash).toHaveLength(32);
    expect(a.key.startsWith(a.shownPrefix)).toBe(true);
    expect(a.shownPrefix).toHaveLength(11);
  });

  it('refuse anything that is not shaped like a key before looking it up', () => {
    expect(looksLikeConnectorKey(newConnectorKey().key)).toBe(true);
    expect(looksLikeConnectorKey('ppck_short')).toBe(false);
    expect(looksLikeConnectorKey(`xxxx_${'a'.repeat(43)}`)).toBe(false);
  });
});
