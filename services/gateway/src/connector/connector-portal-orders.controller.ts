import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AcknowledgePortalOrdersRequest,
  PORTAL_ORDER_FEED_WAIT_MAX_S,
  PortalOrderFeedQuery,
  PortalOrderFeedResponse,
  PortalOrdersAcknowledgedResponse,
} from '@partner-portal/api-contracts';
import { CONNECTOR_TENANT_HEADER } from '@partner-portal/internal-api';
import { ConnectorKeyRoute } from '../auth/route-access';
import { Documented } from '../docs/documented';
import { connectorOf, type GatewayRequest } from '../observability/gateway-request';
import { pathOf } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { ConnectorKeyGuard } from './connector-key.guard';

/**
 * Portal orders for ERP connectors that speak only HTTP (a Business Central extension): read the key's tenant's
 * `PortalOrderSubmitted` events after a cursor, long-polling when nothing is new, and acknowledge what was durably
 * handled; an order not acknowledged comes again. The ERP answers through `POST /api/connector/events`
 * (`PortalOrderAccepted` / `PortalOrderRejected`).
 */
@ApiTags('Connector')
@ApiSecurity('connector-key')
@ConnectorKeyRoute()
@UseGuards(ConnectorKeyGuard)
@Controller('api/connector/portal-orders')
export class ConnectorPortalOrdersController {
  constructor(private readonly upstream: UpstreamClient) {}

  private call(request: GatewayRequest, method: string, rest: string, extra: { query?: object; body?: unknown }) {
    const { tenantId } = connectorOf(request);
    return this.upstream.call(
      'document-projection',
      method,
      pathOf`/internal/tenants/${tenantId}/connector-feed/portal-orders` + rest,
      {
        requestId: request.requestId,
        headers: { [CONNECTOR_TENANT_HEADER]: tenantId },
        ...extra,
      },
    );
  }

  @Get()
  @Documented(
    `The key's tenant's portal orders after a cursor, oldest first; with none, waits up to waitSeconds (at most ${PORTAL_ORDER_FEED_WAIT_MAX_S}) for one`,
    {
      type: PortalOrderFeedResponse,
      returns:
        '{ orders: [{ cursor, event }], nextCursor, acknowledgedCursor }: without `after`, from the last acknowledged order',
      problems: [400],
    },
  )
  async read(
    @Req() request: GatewayRequest,
    @Query() query: PortalOrderFeedQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.relay(response, await this.call(request, 'GET', '', { query }));
  }

  @Post('ack')
  @HttpCode(200)
  @Documented('Acknowledge every portal order up to and including a cursor as durably handled', {
    type: PortalOrdersAcknowledgedResponse,
    returns: '{ acknowledgedCursor }: it only moves forward',
    problems: [400],
  })
  async acknowledge(
    @Req() request: GatewayRequest,
    @Body() body: AcknowledgePortalOrdersRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.relay(response, await this.call(request, 'POST', '/ack', { body }));
  }
}
