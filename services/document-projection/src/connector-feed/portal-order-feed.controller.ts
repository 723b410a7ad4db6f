import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  AcknowledgePortalOrdersRequest,
  PortalOrderFeedQuery,
  type PortalOrderFeedResponse,
  type PortalOrdersAcknowledgedResponse,
} from '@partner-portal/api-contracts';
import { TenantConnectorGuard, TenantParams } from '@partner-portal/internal-api';
import { PortalOrderFeedService } from './portal-order-feed.service';

/** The tenant's portal orders for its ERP connector (through the gateway's `/api/connector/portal-orders`). */
@UseGuards(TenantConnectorGuard)
@Controller('internal/tenants/:tenantId/connector-feed/portal-orders')
export class PortalOrderFeedController {
  constructor(private readonly feed: PortalOrderFeedService) {}

  @Get()
  read(@Param() { tenantId }: TenantParams, @Query() query: PortalOrderFeedQuery): Promise<PortalOrderFeedResponse> {
    return this.feed.read(tenantId, query);
  }

  @Post('ack')
  @HttpCode(200)
  acknowledge(
    @Param() { tenantId }: TenantParams,
    @Body() body: AcknowledgePortalOrdersRequest,
  ): Promise<PortalOrdersAcknowledgedResponse> {
    return this.feed.acknowledge(tenantId, body.cursor);
  }
}
