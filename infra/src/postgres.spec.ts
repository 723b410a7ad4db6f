import { databaseUrl, redact } from './postgres';
import { kafkaVersion } from './kafka-broker';

describe('postgres helpers', () => {
  it('points a URL at another database of the same server', () => {
    expect(databaseUrl('postgres://postgres:secret@db.internal:6543/postgres?sslmode=require', 'licensing')).toBe(
      'postgres://postgres:secret@db.internal:6543/licensing?sslmode=require',
    );
  });

  it('hides the password in messages', () => {
    expect(redact('postgres://app:s3cret@db:5432/licensing')).toBe('postgres://app:***@db:5432/licensing');
  });
});

describe('kafkaVersion', () => {
  it('reads the broker version pinned in infra/kafka/pom.xml', () => {
    expect(kafkaVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
