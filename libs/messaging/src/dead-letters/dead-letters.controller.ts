import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Param,
  Post,
  Query,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  CONNECTOR_TOPICS,
  ConnectorDeadLetterQuery,
  DeadLetterQuery,
  ReplayDeadLettersRequest,
  type DeadLetterPage,
  type ReplayDeadLettersResponse,
} from '@partner-portal/api-contracts';
import { DeadLettersService } from './dead-letters.service';

function replayable(service: DeadLettersService): void {
  if (!service.office.canReplay) {
    throw new ServiceUnavailableException({
      code: 'consumer_not_running',
      detail: 'the consumer is not running yet; try again shortly',
    });
  }
}

/**
 * Operator routes (OPERATOR_API_TOKEN, never exposed by the gateway): this service's dead letters, every
 * topic and tenant, and their replay after a fix (docs/messaging.md, "Dead letters").
 */
@Controller('internal/operator/dead-letters')
export class OperatorDeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query() query: DeadLetterQuery): Promise<DeadLetterPage> {
    return this.deadLetters.office.list({ ...query, topics: query.topic ? [query.topic] : undefined });
  }

  @Post('replay')
  @HttpCode(200)
  async replay(@Body() body: ReplayDeadLettersRequest): Promise<ReplayDeadLettersResponse> {
    replayable(this.deadLetters);
    return { outcomes: await this.deadLetters.office.replay(body.ids) };
  }
}

/**
 * The routes the gateway calls for a tenant's administrator: the dead letters of the tenant's own connector events
 * (`erp.*`, envelope `tenantId` = the tenant) and their replay. A service mounts them under
 * `internal/tenants/:tenantId/connector-dead-letters` in a subclass guarded by its tenant-administrator guard (this
 * library cannot depend on the one in internal-api): the guard is what makes `:tenantId` the caller's.
 */
@Injectable()
export abstract class ConnectorDeadLettersRoutes {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Param('tenantId') tenantId: string, @Query() query: ConnectorDeadLetterQuery): Promise<DeadLetterPage> {
    return this.deadLetters.office.list({
      ...query,
      tenantId,
      topics: query.topic ? [query.topic] : CONNECTOR_TOPICS,
    });
  }

  @Post('replay')
  @HttpCode(200)
  async replay(
    @Param('tenantId') tenantId: string,
    @Body() body: ReplayDeadLettersRequest,
  ): Promise<ReplayDeadLettersResponse> {
    replayable(this.deadLetters);
    return { outcomes: await this.deadLetters.office.replay(body.ids, { tenantId, topics: CONNECTOR_TOPICS }) };
  }
}
