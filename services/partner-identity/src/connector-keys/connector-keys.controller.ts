import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { CreateConnectorKeyRequest, type ConnectorKeyListResponse } from '@partner-portal/api-contracts';
import { CurrentPrincipal, TenantAdministratorGuard, TenantParams, type Principal } from '@partner-portal/internal-api';
import { ConnectorKeysService } from './connector-keys.service';

/** Path of one connector key. */
export class ConnectorKeyParams extends TenantParams {
  @IsUUID()
  keyId!: string;
}

/** A key as the gateway received it from a connector. */
export class VerifyConnectorKeyRequest {
  @IsString()
  @MaxLength(200)
  key!: string;
}

/** Administrators create, rotate, list and revoke their tenant's connector keys. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/connector-keys')
export class ConnectorKeysController {
  constructor(private readonly keys: ConnectorKeysService) {}

  @Post()
  create(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId }: TenantParams,
    @Body() body: CreateConnectorKeyRequest,
  ) {
    return this.keys.create(tenantId, body.label, principal.subject, body.replaces);
  }

  @Get()
  async list(@Param() { tenantId }: TenantParams): Promise<ConnectorKeyListResponse> {
    return { items: await this.keys.list(tenantId) };
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  revoke(@Param() { tenantId, keyId }: ConnectorKeyParams) {
    return this.keys.revoke(tenantId, keyId);
  }
}

/** The gateway asks which tenant a connector's key belongs to. */
@Controller('internal/connector-keys')
export class ConnectorKeyVerificationController {
  constructor(private readonly keys: ConnectorKeysService) {}

  @Post('verify')
  @HttpCode(200)
  verify(@Body() body: VerifyConnectorKeyRequest) {
    return this.keys.verify(body.key);
  }
}
