import { AcceptInvitationRequest } from '@partner-portal/api-contracts';
import { NestedObject, SignedInIdentityV1 } from '@partner-portal/contracts';

/** Accepting as the gateway asks for it: the link's token or the code, and who signed in (verified by the gateway). */
export class AcceptRequest extends AcceptInvitationRequest {
  @NestedObject(() => SignedInIdentityV1)
  identity!: SignedInIdentityV1;
}
