import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule } from '@partner-portal/internal-api';
import { ConsumerGroups } from '@partner-portal/contracts';
import { Company, Contact, ErpMirrorTables1763850000000, Partner } from '@partner-portal/erp-mirror';
import { KafkaReadiness, servicePersistence } from '@partner-portal/messaging';
import { AcceptanceController } from './acceptance/acceptance.controller';
import { AcceptanceService } from './acceptance/acceptance.service';
import { InvitationsConfig } from './config/invitations.config';
import { InvitationsByStatus } from './invitations/invitation-metrics';
import { ConnectorDeadLettersController } from './dead-letters/connector-dead-letters.controller';
import { DevMailController } from './email/dev-mail.controller';
import { EmailDeliveryWorker } from './email/email-delivery.worker';
import { EmailOutbox } from './email/email-outbox';
import { InvitationTemplates } from './email/invitation-templates';
import { DevelopmentMailbox, MAIL_TRANSPORT, SendGridTransport } from './email/mail-transport';
import { ExpiryJob } from './expiry/expiry.job';
import { InvitationStore } from './invitations/invitation-store';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { PartnerInvitationsController } from './invitations/partner-invitations.controller';
import { MasterDataConsumer } from './master-data/master-data.consumer';
import { InvitationsSchema1764100000000 } from './migrations/1764100000000-invitations-schema';
import { ReplacedSecretsAndHolders1764410000000 } from './migrations/1764410000000-replaced-secrets-and-holders';
import { PortalMemberRole1764600000000 } from './migrations/1764600000000-portal-member-role';
import { WrongCodeTally1764700000000 } from './migrations/1764700000000-wrong-code-tally';
import { EmailSendLease1764950000000 } from './migrations/1764950000000-email-send-lease';
import { EmailTraceContext1765100100000 } from './migrations/1765100100000-email-trace-context';
import { PortalMembersConsumer } from './portal-members/portal-members.consumer';
import { LicenseAnswersConsumer } from './saga/license-answers.consumer';
import { TenantSettingsService } from './settings/tenant-settings';
import { TenantSettingsController } from './settings/tenant-settings.controller';

/** The invitations service, configured. */
@Module({})
export class AppModule {
  static register(config: InvitationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule.withChecks(KafkaReadiness),
        ...servicePersistence({
          serviceName: 'invitations',
          databaseUrl: config.databaseUrl,
          kafkaBrokers: config.kafkaBrokers,
          topicPrefix: config.topicPrefix,
          consumerGroup: ConsumerGroups.Invitations,
          entities: [Company, Partner, Contact],
          migrations: [
            ErpMirrorTables1763850000000,
            InvitationsSchema1764100000000,
            ReplacedSecretsAndHolders1764410000000,
            PortalMemberRole1764600000000,
            WrongCodeTally1764700000000,
            EmailSendLease1764950000000,
            EmailTraceContext1765100100000,
          ],
        }),
      ],
      controllers: [
        InvitationsController,
        PartnerInvitationsController,
        AcceptanceController,
        TenantSettingsController,
        // What would have been sent, links and codes in clear: only where the development mailbox was chosen.
        ...(config.mailTransport === 'development' ? [DevMailController] : []),
        MasterDataConsumer,
        PortalMembersConsumer,
        LicenseAnswersConsumer,
        ConnectorDeadLettersController,
      ],
      providers: [
        { provide: InvitationsConfig, useValue: config },
        InvitationsByStatus,
        {
          provide: MAIL_TRANSPORT,
          useFactory: () =>
            config.mailTransport === 'sendgrid'
              ? new SendGridTransport(
                  config.sendgridApiKey ?? '',
                  config.sendgridBaseUrl,
                  config.mailFrom,
                  Math.min(10_000, Math.floor(config.emailSendLeaseMs / 2)),
                )
              : new DevelopmentMailbox(config.mailDevDir, config.mailFrom),
        },
        { provide: InvitationTemplates, useFactory: () => new InvitationTemplates() },
        EmailOutbox,
        InvitationStore,
        EmailDeliveryWorker,
        InvitationsService,
        AcceptanceService,
        TenantSettingsService,
        ExpiryJob,
      ],
    };
  }
}
