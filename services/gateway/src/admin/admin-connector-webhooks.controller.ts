import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ConnectorWebhookListResponse,
  ConnectorWebhookResponse,
  PageQuery,
  RegisterConnectorWebhookRequest,
  RegisteredConnectorWebhookResponse,
  WebhookDeliveryListResponse,
  WebhookDeliveryQuery,
  WebhookDeliveryResponse,
} from '@partner-portal/api-contracts';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { AdminArea } from './admin-area';

/** HTTPS endpoints of the tenant's ERP connectors that receive each portal order, signed (docs/connectors.md). */
@ApiTags('Admin: connector webhooks')
@AdminArea()
@Controller('api/admin/tenants/:tenantId/connector-webhooks')
export class AdminConnectorWebhooksController {
  constructor(private readonly upstream: UpstreamClient) {}

  private webhooks(response: Response, caller: Caller, method: string, path: string, extra = {}) {
    const base = pathOf`/internal/tenants/${caller.principal.tenantId}/connector-webhooks`;
    return this.upstream.forward(response, caller, 'document-projection', method, `${base}${path}`, extra);
  }

  @Post()
  @Documented('Register a webhook: every portal order from now on is POSTed to it, signed with its secret', {
    type: RegisteredConnectorWebhookResponse,
    status: 201,
    returns: 'The webhook: `secret` is shown this once and never again',
    problems: [400, 404, 409],
  })
  register(
    @CurrentCaller() caller: Caller,
    @Body() body: RegisterConnectorWebhookRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.webhooks(response, caller, 'POST', '', { body });
  }

  @Get()
  @Documented("The tenant's webhooks, newest first (never their secrets)", {
    type: ConnectorWebhookListResponse,
    returns: 'A page of webhooks (page, pageSize up to 200, total)',
    problems: [400, 404],
  })
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    return this.webhooks(response, caller, 'GET', '', { query });
  }

  @Post(':webhookId/remove')
  @Documented('Remove a webhook: it receives nothing more, and its pending deliveries are cancelled', {
    type: ConnectorWebhookResponse,
    returns: 'The webhook, removed',
    problems: [400, 404],
  })
  remove(
    @CurrentCaller() caller: Caller,
    @Param('webhookId', UuidParam) webhookId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.webhooks(response, caller, 'POST', pathOf`/${webhookId}/remove`);
  }

  @Get(':webhookId/deliveries')
  @Documented("A webhook's delivery log, newest first: each order's attempts and what the endpoint answered", {
    type: WebhookDeliveryListResponse,
    returns: 'A page of deliveries (page, pageSize up to 200, total)',
    problems: [400, 404],
  })
  deliveries(
    @CurrentCaller() caller: Caller,
    @Param('webhookId', UuidParam) webhookId: string,
    @Query() query: WebhookDeliveryQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.webhooks(response, caller, 'GET', pathOf`/${webhookId}/deliveries`, { query });
  }

  @Post(':webhookId/deliveries/:deliveryId/redeliver')
  @Documented("Send a delivery's order again now, as a new delivery with a day of retries of its own", {
    type: WebhookDeliveryResponse,
    status: 201,
    returns: 'The new delivery, pending',
    problems: [400, 404, 409],
  })
  redeliver(
    @CurrentCaller() caller: Caller,
    @Param('webhookId', UuidParam) webhookId: string,
    @Param('deliveryId', UuidParam) deliveryId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.webhooks(response, caller, 'POST', pathOf`/${webhookId}/deliveries/${deliveryId}/redeliver`);
  }
}
