import { Injectable } from '@nestjs/common';
import { OidcTokenVerifier } from '../auth/oidc-token-verifier';

/** The gateway is ready when it can verify tokens (the issuer's discovery answered). */
@Injectable()
export class IssuerReadiness {
  readonly name = 'oidc-issuer';

  constructor(private readonly verifier: OidcTokenVerifier) {}

  async check(): Promise<void> {
    await this.verifier.discover();
  }
}
