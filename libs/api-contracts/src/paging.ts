import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsErpCode } from '@partner-portal/contracts';
import type { PageResponse } from './response-rules';

/** Page and page size of a list; pages count from 1. */
export class PageQuery {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

/** A page of a list that can be narrowed to one ERP environment, company and partner number. */
export class ErpScopedPageQuery extends PageQuery {
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

/** A page of results: `PageResponse` (page, pageSize, total) with its items; the concrete page classes name T. */
export interface Page<T> extends PageResponse {
  items: T[];
}
