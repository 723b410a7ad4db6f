import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-mail worker no longer holds a transaction across the provider's call: a delivery is claimed as `sending` with
 * a lease (`claim`, `claimed_until`) in one short transaction and settled in another. `attempt_started_at` is when the
 * last send began (the Email Activity lookup waits for the provider to index it); `in_doubt` marks a failed attempt
 * whose request may have been accepted (a timeout), so it is looked up before any resend. `sent_unconfirmed` is a
 * delivery the provider could not confirm nor deny after an interrupted send: never sent again on its own.
 */
export class EmailSendLease1764950000000 implements MigrationInterface {
  name = 'EmailSendLease1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_delivery DROP CONSTRAINT email_delivery_status_check`);
    await q.query(
      `ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_status_check
         CHECK (status IN ('pending', 'sending', 'sent', 'sent_unconfirmed', 'failed', 'cancelled'))`,
    );
    await q.query(
      `ALTER TABLE email_delivery
         ADD COLUMN claim uuid,
         ADD COLUMN claimed_until timestamptz,
         ADD COLUMN attempt_started_at timestamptz,
         ADD COLUMN in_doubt boolean NOT NULL DEFAULT false`,
    );
    await q.query(`CREATE INDEX email_delivery_lease ON email_delivery (claimed_until) WHERE status = 'sending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX email_delivery_lease`);
    // A delivery caught mid-send goes back to the queue: the old worker sends it (at least once, as it did).
    await q.query(
      `UPDATE email_delivery SET status = CASE WHEN status = 'sending' THEN 'pending' ELSE 'sent' END
        WHERE status IN ('sending', 'sent_unconfirmed')`,
    );
    await q.query(
      `ALTER TABLE email_delivery DROP COLUMN claim, DROP COLUMN claimed_until, DROP COLUMN attempt_started_at,
         DROP COLUMN in_doubt`,
    );
    await q.query(`ALTER TABLE email_delivery DROP CONSTRAINT email_delivery_status_check`);
    await q.query(
      `ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_status_check
         CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'))`,
    );
  }
}
