import { startServiceUnderTest, type ServiceUnderTest } from '@partner-portal/testing';
import { startPartnerIdentity } from '../src/app.setup';
import { loadPartnerIdentityConfig } from '../src/config/partner-identity.config';

export { adminOf, partnerUser, TEST_ISSUER as ISSUER } from '@partner-portal/testing';

/** partner-identity on its own database and topics. */
export type RunningPartnerIdentity = ServiceUnderTest;

export function startService(label: string): Promise<RunningPartnerIdentity> {
  return startServiceUnderTest(`pi-${label}`, (env) => startPartnerIdentity(loadPartnerIdentityConfig(env)));
}
