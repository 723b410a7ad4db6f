import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InviteExpired } from '@partner-portal/contracts';
import { Outbox } from '@partner-portal/messaging';
import { InvitationsConfig } from '../config/invitations.config';
import { cancelPendingEmails } from '../email/email-outbox';
import {
  INVITATION_COLUMNS,
  INVITATION_FROM,
  targetOf,
  type InvitationRow,
  isoOf,
} from '../invitations/invitation.view';

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
    private readonly outbox: Outbox,
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

  /** Expires what is due, in batches; answers how many. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.dataSource.transaction(async (manager) => {
        const rows: InvitationRow[] = await manager.query(
          `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM}
            WHERE i.status IN ('invited', 'email_failed') AND i.expires_at <= now()
            ORDER BY i.expires_at LIMIT 200 FOR UPDATE OF i SKIP LOCKED`,
        );
        if (rows.length === 0) return 0;
        const ids = rows.map((r) => r.id);
        await manager.query(
          `UPDATE invitation SET status = 'expired', ended_at = now(), updated_at = now()
            WHERE id = ANY($1::uuid[])`,
          [ids],
        );
        await cancelPendingEmails(manager, ids);
        await this.outbox.append(
          manager,
          rows.map((row) =>
            this.outbox.create(InviteExpired, {
              tenantId: row.tenant_id,
              correlationId: `invitation:${row.id}`,
              payload: { ...targetOf(row), expiredAt: isoOf(row.expires_at) },
            }),
          ),
        );
        return rows.length;
      });
      total += expired;
      if (expired < 200) return total;
    }
  }
}
