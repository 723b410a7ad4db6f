import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ConnectorDeadLetterQuery,
  DeadLetterPage,
  PAGE_SIZE_MAX,
  ReplayDeadLettersRequest,
  ReplayDeadLettersResponse,
  type DeadLetterResponse,
  type ReplayOutcomeResponse,
} from '@partner-portal/api-contracts';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf } from '../upstream/path-params';
import { UpstreamClient, type UpstreamAnswer, type UpstreamService } from '../upstream/upstream.client';
import { AdminArea } from './admin-area';

/** Every service consumes the connector topics (`erp.*`), each with its own consumer group and dead letters. */
const CONNECTOR_CONSUMERS: readonly UpstreamService[] = [
  'partner-identity',
  'licensing',
  'invitations',
  'document-projection',
];

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Newest first, then by position on the dead-letter topic: the order every service lists in (`COLLATE "C"`), so that
 * the merged pages neither repeat nor skip a dead letter.
 */
function newestFirst(a: DeadLetterResponse, b: DeadLetterResponse): number {
  const [topicA, partitionA, offsetA] = a.id.split(':');
  const [topicB, partitionB, offsetB] = b.id.split(':');
  return (
    byCodeUnits(b.deadLetteredAt, a.deadLetteredAt) ||
    byCodeUnits(topicA, topicB) ||
    Number(partitionA) - Number(partitionB) ||
    Number(BigInt(offsetA) - BigInt(offsetB)) ||
    byCodeUnits(a.consumerGroup, b.consumerGroup)
  );
}

/**
 * The tenant's connector events that a service could not apply (invalid, or its handler kept failing), and their
 * replay after the connector or the data is fixed. The gateway asks every service and merges their answers; each
 * service shows only the dead letters whose envelope names the administrator's tenant.
 */
@ApiTags('Admin: connector dead letters')
@AdminArea()
@Controller('api/admin/tenants/:tenantId/connector-dead-letters')
export class AdminConnectorDeadLettersController {
  constructor(private readonly upstream: UpstreamClient) {}

  private path(caller: Caller, rest = ''): string {
    return `${pathOf`/internal/tenants/${caller.principal.tenantId}/connector-dead-letters`}${rest}`;
  }

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
    // A page of the merged list is within the first page x pageSize dead letters of each service.
    const wanted = query.page * query.pageSize;
    const answers = await Promise.all(
      CONNECTOR_CONSUMERS.map((service) => this.newest(caller, service, query, wanted)),
    );
    const failed = answers.find((a): a is { failed: UpstreamAnswer } => 'failed' in a);
    if (failed) return this.upstream.relay(response, failed.failed);
    const lists = answers as Array<{ items: DeadLetterResponse[]; total: number }>;
    const items = lists.flatMap((l) => l.items).sort(newestFirst);
    const start = (query.page - 1) * query.pageSize;
    const page: DeadLetterPage = {
      items: items.slice(start, start + query.pageSize),
      page: query.page,
      pageSize: query.pageSize,
      total: lists.reduce((sum, l) => sum + l.total, 0),
    };
    return page;
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
    // A dead-letter id names one message of one consumer group: at most one service knows it.
    const answers = await Promise.all(
      CONNECTOR_CONSUMERS.map((service) =>
        this.upstream.call<ReplayDeadLettersResponse>(service, 'POST', this.path(caller, '/replay'), {
          principal: caller.principal,
          requestId: caller.requestId,
          body,
        }),
      ),
    );
    const failed = answers.find((a) => a.status !== 200);
    if (failed) return this.upstream.relay(response, failed);
    const outcomes: ReplayOutcomeResponse[] = body.ids.map(
      (id, i) =>
        answers.map((a) => a.body.outcomes[i]).find((o) => o.outcome !== 'not_found') ?? {
          id,
          outcome: 'not_found',
          reason: null,
        },
    );
    const result: ReplayDeadLettersResponse = { outcomes };
    return result;
  }

  /** The newest `wanted` dead letters of one service (pages of 200 until there are enough) and its total. */
  private async newest(
    caller: Caller,
    service: UpstreamService,
    query: ConnectorDeadLetterQuery,
    wanted: number,
  ): Promise<{ items: DeadLetterResponse[]; total: number } | { failed: UpstreamAnswer }> {
    const items: DeadLetterResponse[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await this.upstream.call<DeadLetterPage>(service, 'GET', this.path(caller), {
        principal: caller.principal,
        requestId: caller.requestId,
        query: { topic: query.topic, status: query.status, page, pageSize: PAGE_SIZE_MAX },
      });
      if (answer.status !== 200) return { failed: answer };
      items.push(...answer.body.items);
      const { total } = answer.body;
      if (items.length >= Math.min(wanted, total) || answer.body.items.length === 0) {
        return { items: items.slice(0, wanted), total };
      }
    }
  }
}
