import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';
import { ConnectorEventsAcceptedResponse, ConnectorIdentityResponse } from '@partner-portal/api-contracts';
import { ProblemException } from '@partner-portal/internal-api';
import { ConnectorKeyRoute } from '../auth/route-access';
import { Documented } from '../docs/documented';
import { connectorEventSchema } from '../docs/event-schemas.openapi';
import { connectorOf, type GatewayRequest } from '../observability/gateway-request';
import { ConnectorKeyGuard } from './connector-key.guard';
import { ConnectorPublisher } from './connector-publisher';
import { checkConnectorBatch } from './event-batch';

/** Most events one batch carries. */
export const CONNECTOR_BATCH_MAX = 1_000;

/** A batch of `erp.masterdata` / `erp.documents` events, each in the platform envelope (EVENTS.md). */
export class ConnectorEventsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONNECTOR_BATCH_MAX)
  @IsObject({ each: true })
  events!: object[];
}

/** For ERP connectors that can only speak HTTP (a Business Central extension). */
@ApiTags('Connector')
@ApiSecurity('connector-key')
@ConnectorKeyRoute()
@UseGuards(ConnectorKeyGuard)
@Controller('api/connector')
export class ConnectorEventsController {
  constructor(private readonly publisher: ConnectorPublisher) {}

  @Post('events')
  @HttpCode(202)
  @ApiBody({
    description: `Up to ${CONNECTOR_BATCH_MAX} events; each is an envelope { eventId, type, version, occurredAt, tenantId, producer, correlationId, causationId?, payload } whose payload follows the catalogue (/api/docs/events)`,
    schema: {
      type: 'object',
      required: ['events'],
      properties: {
        events: { type: 'array', minItems: 1, maxItems: CONNECTOR_BATCH_MAX, items: connectorEventSchema() },
      },
    },
  })
  @Documented("Publish a batch of ERP master data and document events for the key's tenant", {
    type: ConnectorEventsAcceptedResponse,
    status: 202,
    returns: 'Every event was acknowledged by Kafka: { accepted }',
    problems: [400, 413],
  })
  async publish(
    @Req() request: GatewayRequest,
    @Body() body: ConnectorEventsRequest,
  ): Promise<ConnectorEventsAcceptedResponse> {
    const { accepted, rejected } = checkConnectorBatch(connectorOf(request).tenantId, body.events);
    if (rejected.length > 0) {
      throw new ProblemException(
        400,
        `${rejected.length} of ${body.events.length} events refused; none was published`,
        {
          rejected,
        },
      );
    }
    await this.publisher.publish(accepted);
    return { accepted: accepted.length };
  }

  @Get('whoami')
  @Documented('The tenant the key publishes for (to check a key)', {
    type: ConnectorIdentityResponse,
    returns: '{ tenantId, keyId }',
  })
  whoami(@Req() request: GatewayRequest): ConnectorIdentityResponse {
    return connectorOf(request);
  }
}
