import { join } from 'node:path';
import { IsIn, IsInt, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { IsEmailAddress } from '@partner-portal/contracts';
import { loadServiceConfig, ServiceConfig } from '@partner-portal/internal-api';

const MAIL_TRANSPORTS = ['sendgrid', 'development'] as const;
export type MailTransportKind = (typeof MAIL_TRANSPORTS)[number];

/** The invitations service's configuration, loaded once at boot from environment variables. */
export class InvitationsConfig extends ServiceConfig {
  /** PORTAL_BASE_URL: where the partner portal runs; invitation links point at `<base>/invitations/accept`. */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  portalBaseUrl!: string;

  /** INVITATION_CODE_PEPPER: secret mixed into the hash of registration codes (32+ characters). */
  @IsString()
  @MinLength(32)
  codePepper!: string;

  /** EMAIL_PAYLOAD_KEY: 32 bytes, base64; encrypts invitation e-mails while they wait to be sent. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (openssl rand -base64 32)' })
  emailPayloadKey!: string;

  /**
   * MAIL_TRANSPORT: `sendgrid`, or `development` (the mailbox folder, readable on /internal/dev/mail, with links and
   * codes in clear): chosen explicitly, so that no deployment falls back to it for want of a key.
   */
  @IsIn(MAIL_TRANSPORTS, { message: 'must be sendgrid or development (npm start and the tests choose development)' })
  mailTransport!: MailTransportKind;

  /** SENDGRID_API_KEY: the key SendGrid sends with; required with MAIL_TRANSPORT=sendgrid. */
  @ValidateIf((config: InvitationsConfig) => config.mailTransport === 'sendgrid')
  @IsString({ message: 'is required with MAIL_TRANSPORT=sendgrid' })
  @MinLength(10)
  sendgridApiKey?: string;

  /** SENDGRID_BASE_URL: the SendGrid API (tests point it at a local stand-in). */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  sendgridBaseUrl!: string;

  /** MAIL_FROM: the sender of invitation e-mails. */
  @IsEmailAddress()
  mailFrom!: string;

  /** MAIL_DEV_DIR: the development mailbox folder. */
  @IsString()
  mailDevDir!: string;

  /** INVITATION_TTL_HOURS: default validity of an invitation (a tenant can set its own). */
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  defaultTtlHours!: number;

  /** RESEND_DAILY_LIMIT: resends of one invitation per 24 hours. */
  @IsInt()
  @Min(1)
  @Max(100)
  resendDailyLimit!: number;

  /** EMAIL_MAX_ATTEMPTS: sending attempts before an invitation is `email_failed`. */
  @IsInt()
  @Min(1)
  @Max(20)
  emailMaxAttempts!: number;

  /** EMAIL_RETRY_BASE_MS: first retry delay; doubles per attempt. */
  @IsInt()
  @Min(10)
  emailRetryBaseMs!: number;

  /**
   * EMAIL_SEND_LEASE_MS: how long a worker may hold a claimed e-mail before another takes it for dead; SendGrid's
   * requests time out after half of it (at most 10 s), so a live send never outlasts its lease.
   */
  @IsInt()
  @Min(1_000)
  emailSendLeaseMs!: number;

  /**
   * EMAIL_LOOKUP_LAG_MS: how long the provider may take to show an accepted e-mail in its activity; a send in doubt
   * that it does not show is sent again only this long after it began.
   */
  @IsInt()
  @Min(0)
  emailLookupLagMs!: number;

  /** EXPIRY_SWEEP_MS: how often open invitations are checked for expiry. */
  @IsInt()
  @Min(100)
  expirySweepMs!: number;
}

/** Reads and validates the configuration; throws one error naming every bad variable. */
export function loadInvitationsConfig(env: NodeJS.ProcessEnv = process.env): InvitationsConfig {
  return loadServiceConfig(
    InvitationsConfig,
    env,
    { name: 'invitations', port: 3103, database: 'invitations' },
    {
      portalBaseUrl: ['PORTAL_BASE_URL', env.PORTAL_BASE_URL ?? 'http://127.0.0.1:3100'],
      codePepper: ['INVITATION_CODE_PEPPER', env.INVITATION_CODE_PEPPER],
      emailPayloadKey: ['EMAIL_PAYLOAD_KEY', env.EMAIL_PAYLOAD_KEY],
      mailTransport: ['MAIL_TRANSPORT', env.MAIL_TRANSPORT],
      sendgridApiKey: ['SENDGRID_API_KEY', env.SENDGRID_API_KEY || undefined],
      sendgridBaseUrl: ['SENDGRID_BASE_URL', env.SENDGRID_BASE_URL ?? 'https://api.sendgrid.com'],
      mailFrom: ['MAIL_FROM', env.MAIL_FROM ?? 'portal@partner-portal.example'],
      mailDevDir: ['MAIL_DEV_DIR', env.MAIL_DEV_DIR ?? join(process.cwd(), '.local', 'mail')],
      defaultTtlHours: ['INVITATION_TTL_HOURS', Number(env.INVITATION_TTL_HOURS ?? 14 * 24)],
      resendDailyLimit: ['RESEND_DAILY_LIMIT', Number(env.RESEND_DAILY_LIMIT ?? 5)],
      emailMaxAttempts: ['EMAIL_MAX_ATTEMPTS', Number(env.EMAIL_MAX_ATTEMPTS ?? 5)],
      emailRetryBaseMs: ['EMAIL_RETRY_BASE_MS', Number(env.EMAIL_RETRY_BASE_MS ?? 2_000)],
      emailSendLeaseMs: ['EMAIL_SEND_LEASE_MS', Number(env.EMAIL_SEND_LEASE_MS ?? 60_000)],
      emailLookupLagMs: ['EMAIL_LOOKUP_LAG_MS', Number(env.EMAIL_LOOKUP_LAG_MS ?? 600_000)],
      expirySweepMs: ['EXPIRY_SWEEP_MS', Number(env.EXPIRY_SWEEP_MS ?? 60_000)],
    },
  );
}
