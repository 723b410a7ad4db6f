import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { IsTenantId, Topics } from '@partner-portal/contracts';
import { PageQuery } from './paging';

/**
 * The id of a dead letter: where it sits on its dead-letter topic, `<topic>.dlq:<partition>:<offset>`, e.g.
 * `erp.documents.dlq:3:17`. One message of one topic, so one consumer group's, across every service.
 */
export const DEAD_LETTER_ID = /^[a-z][a-z0-9.-]{0,120}\.dlq:\d{1,5}:\d{1,19}$/;

/** Which dead letters a list shows: still dead (the default), replayed, or both. */
export const DEAD_LETTER_STATUSES = ['dead', 'replayed', 'all'] as const;
export type DeadLetterStatusFilter = (typeof DEAD_LETTER_STATUSES)[number];

/** The topics a tenant's connectors write (`erp.*`): the dead letters an administrator sees. */
export const CONNECTOR_TOPICS: readonly string[] = [Topics.ErpMasterdata, Topics.ErpDocuments];

/** Filters and page of a tenant's connector dead letters (`page`, `pageSize`: docs/gateway.md, "Paging"). */
export class ConnectorDeadLetterQuery extends PageQuery {
  /** The topic the event was consumed from (`erp.masterdata`, `erp.documents`); both when absent. */
  @IsOptional()
  @IsIn(CONNECTOR_TOPICS)
  topic?: string;

  /** `dead` (default): not replayed yet; `replayed`; `all`. */
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatusFilter = 'dead';
}

/** Filters and page of a service's dead letters, for operators. */
export class DeadLetterQuery extends PageQuery {
  /** The topic the event was consumed from, e.g. `erp.documents`. */
  @IsOptional()
  @IsIn(Object.values(Topics))
  topic?: string;

  /** The envelope's tenant. */
  @IsOptional()
  @IsTenantId()
  tenantId?: string;

  /** `dead` (default): not replayed yet; `replayed`; `all`. */
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatusFilter = 'dead';
}

/** The dead letters to run through their consumer again, after a fix. */
export class ReplayDeadLettersRequest {
  /** Dead-letter ids as lists answer them, 1 to 100. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(DEAD_LETTER_ID, { each: true, message: 'each id must be a dead-letter id such as erp.documents.dlq:3:17' })
  ids!: string[];
}
