import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { startServiceUnderTest, type ServiceUnderTest } from '@partner-portal/testing';
import { startInvitations } from '../src/app.setup';
import { loadInvitationsConfig } from '../src/config/invitations.config';

/** The invitations service's own variables in tests: test secrets, a mailbox folder of its own, fast timers. */
export function invitationsTestEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PORTAL_BASE_URL: 'https://portal.example.test',
    INVITATION_CODE_PEPPER: 'test-pepper-that-is-at-least-32-characters',
    EMAIL_PAYLOAD_KEY: Buffer.alloc(32, 7).toString('base64'),
    MAIL_TRANSPORT: 'development',
    MAIL_DEV_DIR: mkdtempSync(join(tmpdir(), 'invitation-mail-')),
    EXPIRY_SWEEP_MS: '200',
    EMAIL_RETRY_BASE_MS: '50',
    ...overrides,
  };
}

/** Starts the invitations service with the test variables plus `overrides`. */
export function startInvitationsWith(overrides: NodeJS.ProcessEnv = {}) {
  return (env: NodeJS.ProcessEnv): Promise<INestApplication> =>
    startInvitations(loadInvitationsConfig({ ...env, ...invitationsTestEnv(overrides) }));
}

/** invitations on its own database and topics. */
export function startService(label: string, overrides: NodeJS.ProcessEnv = {}): Promise<ServiceUnderTest> {
  return startServiceUnderTest(`inv-${label}`, startInvitationsWith(overrides));
}

/** The registration code and link token of an e-mail's plain text. */
export function secretsOf(text: string): { code: string; token: string } {
  const code = /^ {4}([A-Z0-9]{5}-[A-Z0-9]{5})$/m.exec(text)?.[1];
  const token = /accept\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!code || !token) throw new Error(`no code or token in:\n${text}`);
  return { code, token };
}
