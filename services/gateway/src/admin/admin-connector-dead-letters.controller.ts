import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ConnectorDeadLetterQuery,
  DeadLetterPage,
  ReplayDeadLettersRequest,
  ReplayDeadLettersResponse,
} from '@partner-portal/api-contracts';
import { ConnectorDeadLetters } from '../dead-letters/connector-dead-letters';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { UpstreamClient } from '../upstream/upstream.client';
import { AdminArea } from './admin-area';

/** The tenant's connector events the portal could not apply, for its administrator, and their replay. */
@ApiTags('Admin: connector dead letters')
@AdminArea()
@Controller('api/admin/tenants/:tenantId/connector-dead-letters')
export class AdminConnectorDeadLettersController {
  constructor(
    private readonly deadLetters: ConnectorDeadLetters,
    private readonly upstream: UpstreamClient,
  ) {}

  @Get()
  @Documented("The tenant's connector events the portal could not apply, newest first, with why", {
    type: DeadLetterPage,
    returns: 'A page of dead letters (page, pageSize up to 200, total) across the services that consume them',
    problems: [400, 404],
  })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: ConnectorDeadLetterQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = await this.deadLetters.list(caller, query);
    return 'failed' in page ? this.upstream.relay(response, page.failed) : page;
  }

  @Post('replay')
  @HttpCode(200)
  @Documented('Apply chosen dead letters again, after the connector or the data was fixed', {
    type: ReplayDeadLettersResponse,
    returns:
      'One outcome per id: replayed, already_applied, already_replayed (nothing changed), failed (still dead, with the reason), not_found',
    problems: [400, 404],
  })
  async replay(
    @CurrentCaller() caller: Caller,
    @Body() body: ReplayDeadLettersRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.deadLetters.replay(caller, body);
    return 'failed' in result ? this.upstream.relay(response, result.failed) : result;
  }
}
