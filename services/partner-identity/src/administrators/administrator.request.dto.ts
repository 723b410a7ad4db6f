import { ExternalIdentityRefV1 } from '@partner-portal/contracts';

/** An identity to add to, or remove from, a tenant's administrator list: its issuer URL and subject. */
export class AdministratorIdentity extends ExternalIdentityRefV1 {}
