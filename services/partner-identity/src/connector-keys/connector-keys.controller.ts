import { Body, Controller, Get, HttpCode, Param, Post, Query, UnauthorizedException, UseGuards } from '@nestjs/common';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import {
  CreateConnectorKeyRequest,
  type ConnectorIdentityResponse,
  type ConnectorKeyListResponse,
} from '@partner-portal/api-contracts';
import {
  CurrentAdministrator,
  PageQuery,
  TenantAdministratorGuard,
  TenantParams,
  type AdministratorPrincipal,
} from '@partner-portal/internal-api';
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
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() { tenantId }: TenantParams,
    @Body() body: CreateConnectorKeyRequest,
  ) {
    return this.keys.create(tenantId, body.label, admin.subject, body.replaces, body.graceHours);
  }

  @Get()
  list(@Param() { tenantId }: TenantParams, @Query() { page, pageSize }: PageQuery): Promise<ConnectorKeyListResponse> {
    return this.keys.list(tenantId, { page, pageSize });
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
  async verify(@Body() body: VerifyConnectorKeyRequest): Promise<ConnectorIdentityResponse> {
    const identity = await this.keys.verify(body.key);
    // Authentication, answered here at the edge: 401 for an unknown, malformed or revoked key alike.
    if (!identity) throw new UnauthorizedException('the connector key is unknown or revoked');
    return identity;
  }
}
