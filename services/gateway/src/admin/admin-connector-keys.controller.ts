import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ConnectorKeyListResponse,
  ConnectorKeyResponse,
  CreateConnectorKeyRequest,
  CreatedConnectorKeyResponse,
  PageQuery,
} from '@partner-portal/api-contracts';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { AdminArea } from './admin-area';

/** API keys with which the tenant's ERP connectors publish through `/api/connector`. */
@ApiTags('Admin: connector keys')
@AdminArea()
@Controller('api/admin/tenants/:tenantId/connector-keys')
export class AdminConnectorKeysController {
  constructor(private readonly upstream: UpstreamClient) {}

  private keys(response: Response, caller: Caller, method: string, path: string, extra = {}) {
    const base = pathOf`/internal/tenants/${caller.principal.tenantId}/connector-keys`;
    return this.upstream.forward(response, caller, 'partner-identity', method, `${base}${path}`, extra);
  }

  @Post()
  @Documented(
    'Create a connector key, or rotate one (`replaces`: the old key keeps working for `graceHours`, default 24)',
    {
      type: CreatedConnectorKeyResponse,
      status: 201,
      returns: 'The key: `key` is shown this once and never again',
      problems: [400, 404],
    },
  )
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateConnectorKeyRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.keys(response, caller, 'POST', '', { body });
  }

  @Get()
  @Documented("The tenant's connector keys, newest first (never the keys themselves)", {
    type: ConnectorKeyListResponse,
    returns: 'A page of keys (page, pageSize up to 200, total)',
    problems: [400, 404],
  })
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    return this.keys(response, caller, 'GET', '', { query });
  }

  @Post(':keyId/revoke')
  @Documented('Revoke a connector key', {
    type: ConnectorKeyResponse,
    returns: 'The key, revoked',
    problems: [400, 404],
  })
  revoke(
    @CurrentCaller() caller: Caller,
    @Param('keyId', UuidParam) keyId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.keys(response, caller, 'POST', pathOf`/${keyId}/revoke`);
  }
}
