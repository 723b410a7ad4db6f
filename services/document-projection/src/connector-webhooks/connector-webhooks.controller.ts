import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import {
  PageQuery,
  RegisterConnectorWebhookRequest,
  WebhookDeliveryQuery,
  type ConnectorWebhookListResponse,
  type ConnectorWebhookResponse,
  type RegisteredConnectorWebhookResponse,
  type WebhookDeliveryListResponse,
  type WebhookDeliveryResponse,
} from '@partner-portal/api-contracts';
import {
  CurrentAdministrator,
  TenantAdministratorGuard,
  TenantParams,
  type AdministratorPrincipal,
} from '@partner-portal/internal-api';
import { ConnectorWebhooksService } from './connector-webhooks.service';

class WebhookParams extends TenantParams {
  @IsUUID()
  webhookId!: string;
}

class WebhookDeliveryParams extends WebhookParams {
  @IsUUID()
  deliveryId!: string;
}

/** The tenant's connector webhooks and their delivery logs, for its administrators. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/connector-webhooks')
export class ConnectorWebhooksController {
  constructor(private readonly webhooks: ConnectorWebhooksService) {}

  @Post()
  register(
    @Param() { tenantId }: TenantParams,
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Body() body: RegisterConnectorWebhookRequest,
  ): Promise<RegisteredConnectorWebhookResponse> {
    return this.webhooks.register(tenantId, admin.subject, body);
  }

  @Get()
  list(@Param() { tenantId }: TenantParams, @Query() query: PageQuery): Promise<ConnectorWebhookListResponse> {
    return this.webhooks.list(tenantId, query);
  }

  @Post(':webhookId/remove')
  @HttpCode(200)
  remove(@Param() { tenantId, webhookId }: WebhookParams): Promise<ConnectorWebhookResponse> {
    return this.webhooks.remove(tenantId, webhookId);
  }

  @Get(':webhookId/deliveries')
  deliveries(
    @Param() { tenantId, webhookId }: WebhookParams,
    @Query() query: WebhookDeliveryQuery,
  ): Promise<WebhookDeliveryListResponse> {
    return this.webhooks.deliveries(tenantId, webhookId, query);
  }

  @Post(':webhookId/deliveries/:deliveryId/redeliver')
  redeliver(@Param() { tenantId, webhookId, deliveryId }: WebhookDeliveryParams): Promise<WebhookDeliveryResponse> {
    return this.webhooks.redeliver(tenantId, webhookId, deliveryId);
  }
}
