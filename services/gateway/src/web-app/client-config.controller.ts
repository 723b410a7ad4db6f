import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClientConfigResponse } from '@partner-portal/api-contracts';
import { Anonymous } from '../auth/route-access';
import { GatewayConfig } from '../config/gateway.config';
import { Documented } from '../docs/documented';

/** What a browser app needs to sign people in here: one build of the web app serves every installation. */
@ApiTags('Web app')
@Controller('api/client-config')
export class ClientConfigController {
  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  @Get()
  @Anonymous()
  @Documented('Where and how the web app signs in (issuer, public client, scopes)', {
    returns: 'The OpenID Connect issuer, the public client id and the scopes to ask for',
    type: ClientConfigResponse,
    anonymous: true,
  })
  clientConfig(): ClientConfigResponse {
    return { issuer: this.config.oidcIssuer, clientId: this.config.oidcClientId, scope: this.config.oidcWebScope };
  }
}
