import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wrong registration codes per signed-in person (issuer and subject) in a 24-hour window, across invitations: a code
 * names no invitation until it matches, so this is what bounds a stranger's guessing beyond the gateway's rate.
 */
export class WrongCodeTally1764700000000 implements MigrationInterface {
  name = 'WrongCodeTally1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE wrong_code_tally (
        issuer text NOT NULL,
        subject text NOT NULL,
        failures int NOT NULL,
        window_start timestamptz NOT NULL,
        PRIMARY KEY (issuer, subject)
      )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wrong_code_tally`);
  }
}
