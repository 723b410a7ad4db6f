import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvitationsConfig } from '../config/invitations.config';
import { decide, EXPIRING_STATUSES } from '../invitations/invitation-lifecycle';
import { InvitationRefusal } from '../invitations/invitation-status';
import { InvitationStore, stateOf } from '../invitations/invitation-store';
import { INVITATION_COLUMNS, INVITATION_FROM, type InvitationRow } from '../invitations/invitation.view';

const BATCH = 200;
/** As literals, so that the partial index `invitation_expiring` serves the claim. */
const EXPIRING = EXPIRING_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * Expires sent invitations past their expiry, every EXPIRY_SWEEP_MS. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several instances sweep side by side without expiring one twice.
 */
@Injectable()
export class ExpiryJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ExpiryJob.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InvitationStore,
    @Inject(InvitationsConfig) private readonly config: InvitationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .catch((error: Error) => {
          this.logger.error({ message: 'expiry sweep failed', error: error.message });
          return 0;
        })
        .finally(() => (this.sweeping = undefined));
    }, this.config.expirySweepMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /**
   * Expires what is due, in batches; answers how many. Due is judged by this process's clock in the query and in
   * `decide` alike, so that a claimed invitation is never refused for a difference between two clocks.
   */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, expired } = await this.dataSource.transaction(async (manager) => {
        const now = new Date();
        const rows: InvitationRow[] = await manager.query(
          `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM}
            WHERE i.status IN (${EXPIRING}) AND i.expires_at <= $1
            ORDER BY i.expires_at LIMIT ${BATCH} FOR UPDATE OF i SKIP LOCKED`,
          [now],
        );
        let count = 0;
        for (const row of rows) {
          const outcome = decide(stateOf(row), { type: 'expire' }, now);
          if (outcome instanceof InvitationRefusal) {
            this.logger.warn({ message: 'invitation not expired', invitationId: row.id, refusal: outcome.code });
            continue;
          }
          await this.store.apply(manager, row, outcome);
          count += 1;
        }
        return { claimed: rows.length, expired: count };
      });
      total += expired;
      // A refused one would be claimed again: stop until the next sweep rather than go round in circles.
      if (claimed < BATCH || expired < claimed) return total;
    }
  }
}
