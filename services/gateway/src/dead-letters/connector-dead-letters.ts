import { Injectable } from '@nestjs/common';
import {
  PAGE_SIZE_MAX,
  type ConnectorDeadLetterQuery,
  type DeadLetterPage,
  type DeadLetterResponse,
  type ReplayDeadLettersRequest,
  type ReplayDeadLettersResponse,
  type ReplayOutcomeResponse,
} from '@partner-portal/api-contracts';
import { CONNECTOR_TENANT_HEADER, type Principal } from '@partner-portal/internal-api';
import { pathOf } from '../upstream/path-params';
import {
  UpstreamClient,
  type UpstreamAnswer,
  type UpstreamCall,
  type UpstreamService,
} from '../upstream/upstream.client';

/** Every service consumes the connector topics (`erp.*`), each with its own consumer group and dead letters. */
const CONNECTOR_CONSUMERS: readonly UpstreamService[] = [
  'partner-identity',
  'licensing',
  'invitations',
  'document-projection',
];

/** Who asks for a tenant's connector dead letters: its administrator, or its connector (which may only read). */
export type DeadLetterReader =
  { requestId: string; principal: Principal } | { requestId: string; connector: { tenantId: string; keyId: string } };

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
 * A tenant's connector events that a service could not apply (invalid, or its handler kept failing), and their
 * replay after the connector or the data is fixed. The gateway asks every service and merges their answers; each
 * service shows only the dead letters whose envelope names the tenant.
 */
@Injectable()
export class ConnectorDeadLetters {
  constructor(private readonly upstream: UpstreamClient) {}

  /** A page of the merged list, or the first service's failure to relay. */
  async list(
    reader: DeadLetterReader,
    query: ConnectorDeadLetterQuery,
  ): Promise<DeadLetterPage | { failed: UpstreamAnswer }> {
    // A page of the merged list is within the first page x pageSize dead letters of each service.
    const wanted = query.page * query.pageSize;
    const answers = await Promise.all(
      CONNECTOR_CONSUMERS.map((service) => this.newest(reader, service, query, wanted)),
    );
    const failed = answers.find((a): a is { failed: UpstreamAnswer } => 'failed' in a);
    if (failed) return failed;
    const lists = answers as Array<{ items: DeadLetterResponse[]; total: number }>;
    const items = lists.flatMap((l) => l.items).sort(newestFirst);
    const start = (query.page - 1) * query.pageSize;
    return {
      items: items.slice(start, start + query.pageSize),
      page: query.page,
      pageSize: query.pageSize,
      total: lists.reduce((sum, l) => sum + l.total, 0),
    };
  }

  /** One outcome per id, or the first service's failure to relay; administrators only. */
  async replay(
    reader: DeadLetterReader & { principal: Principal },
    body: ReplayDeadLettersRequest,
  ): Promise<ReplayDeadLettersResponse | { failed: UpstreamAnswer }> {
    // A dead-letter id names one message of one consumer group: at most one service knows it.
    const answers = await Promise.all(
      CONNECTOR_CONSUMERS.map((service) =>
        this.upstream.call<ReplayDeadLettersResponse>(service, 'POST', this.path(reader, '/replay'), {
          ...this.caller(reader),
          body,
        }),
      ),
    );
    const failed = answers.find((a) => a.status !== 200);
    if (failed) return { failed };
    const outcomes: ReplayOutcomeResponse[] = body.ids.map(
      (id, i) =>
        answers.map((a) => a.body.outcomes[i]).find((o) => o.outcome !== 'not_found') ?? {
          id,
          outcome: 'not_found',
          reason: null,
        },
    );
    return { outcomes };
  }

  private path(reader: DeadLetterReader, rest = ''): string {
    const tenantId = 'principal' in reader ? reader.principal.tenantId : reader.connector.tenantId;
    return `${pathOf`/internal/tenants/${tenantId}/connector-dead-letters`}${rest}`;
  }

  private caller(reader: DeadLetterReader): UpstreamCall {
    return 'principal' in reader
      ? { requestId: reader.requestId, principal: reader.principal }
      : { requestId: reader.requestId, headers: { [CONNECTOR_TENANT_HEADER]: reader.connector.tenantId } };
  }

  /** The newest `wanted` dead letters of one service (pages of 200 until there are enough) and its total. */
  private async newest(
    reader: DeadLetterReader,
    service: UpstreamService,
    query: ConnectorDeadLetterQuery,
    wanted: number,
  ): Promise<{ items: DeadLetterResponse[]; total: number } | { failed: UpstreamAnswer }> {
    const items: DeadLetterResponse[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await this.upstream.call<DeadLetterPage>(service, 'GET', this.path(reader), {
        ...this.caller(reader),
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
