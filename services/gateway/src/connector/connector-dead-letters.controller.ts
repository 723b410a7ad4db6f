import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConnectorDeadLetterQuery, DeadLetterPage } from '@partner-portal/api-contracts';
import { ConnectorKeyRoute } from '../auth/route-access';
import { ConnectorDeadLetters } from '../dead-letters/connector-dead-letters';
import { Documented } from '../docs/documented';
import { connectorOf, type GatewayRequest } from '../observability/gateway-request';
import { UpstreamClient } from '../upstream/upstream.client';
import { ConnectorKeyGuard } from './connector-key.guard';

/**
 * What became of a connector's accepted events: a 202 means Kafka has them, not that the portal could apply them
 * (a document for a partner it does not know yet, a handler that kept failing). Reading only; the tenant's
 * administrator replays.
 */
@ApiTags('Connector')
@ApiSecurity('connector-key')
@ConnectorKeyRoute()
@UseGuards(ConnectorKeyGuard)
@Controller('api/connector/dead-letters')
export class ConnectorDeadLettersController {
  constructor(
    private readonly deadLetters: ConnectorDeadLetters,
    private readonly upstream: UpstreamClient,
  ) {}

  @Get()
  @Documented("The key's tenant's events that the portal could not apply, newest first, with why", {
    type: DeadLetterPage,
    returns: 'A page of dead letters (page, pageSize up to 200, total) across the services that consume them',
    problems: [400],
  })
  async list(
    @Req() request: GatewayRequest,
    @Query() query: ConnectorDeadLetterQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = await this.deadLetters.list({ requestId: request.requestId, connector: connectorOf(request) }, query);
    return 'failed' in page ? this.upstream.relay(response, page.failed) : page;
  }
}
