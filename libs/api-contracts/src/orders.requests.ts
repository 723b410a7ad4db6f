import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsErpCode } from '@partner-portal/contracts';
import { OrderListQuery } from './documents.requests';
import { PageQuery } from './paging';

/**
 * An administrator's filters of the portal order list on top of the partner's: one customer of one ERP environment
 * and company (its numbers repeat across environments and companies, hence those too).
 */
export class AdminOrderListQuery extends OrderListQuery {
  @IsOptional()
  @IsErpCode(50)
  environment?: string;

  @IsOptional()
  @IsErpCode(64)
  companyId?: string;

  @IsOptional()
  @IsErpCode()
  partnerNo?: string;
}

/** Search and page of the item catalogue the order wizard offers (`page`, `pageSize`: docs/gateway.md, "Paging"). */
export class CatalogueQuery extends PageQuery {
  /** The start of an item number, or any part of its description (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

/** How cells of a CSV file the portal writes are separated. */
export const CSV_DELIMITERS = ['comma', 'semicolon'] as const;
/** `comma` (the default) or `semicolon` (as Excel writes CSV in Dutch and German). */
export type CsvDelimiterName = (typeof CSV_DELIMITERS)[number];

/** Which order upload template to download. */
export class OrderTemplateQuery {
  /** `semicolon` for Excel in Dutch or German; `comma` otherwise. */
  @IsOptional()
  @IsIn(CSV_DELIMITERS)
  delimiter: CsvDelimiterName = 'comma';
}
