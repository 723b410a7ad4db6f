import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsErpCode } from '@partner-portal/contracts';
import type { PageResponse } from './response-rules';

/**
 * One paging convention for every list of the API (docs/gateway.md, "Paging"): `page` counting from 1 and
 * `pageSize`, answered as `{ items, page, pageSize, total }`.
 */

/** The page size of a list when the request names none. */
export const PAGE_SIZE_DEFAULT = 50;

/** The largest page size any list answers. */
export const PAGE_SIZE_MAX = 200;

/**
 * The highest page number a request may name: far beyond any list, and it keeps the offset (`(page - 1) * pageSize`)
 * a number PostgreSQL takes, so an absurd page is a 400 naming `page`, never a 500.
 */
export const PAGE_MAX = 1_000_000;

/** Page and page size of a list; pages count from 1. */
export class PageQuery {
  /** The page, from 1 (default 1). A page past the last answers no items and the total. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  page = 1;

  /** Items per page, 1 to 200 (default 50). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE_MAX)
  pageSize = PAGE_SIZE_DEFAULT;
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

/** Which page of which size: what `pageWindow` and `pageOf` need of a `PageQuery`. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** The rows of a page in a list ordered the same way every time: `LIMIT` and `OFFSET`. */
export function pageWindow(request: PageRequest): { limit: number; offset: number } {
  return { limit: request.pageSize, offset: (request.page - 1) * request.pageSize };
}

/**
 * The answer for one page: its items, the page and size asked for, and every item the filters match. A page past
 * the last has no items and still tells the total, so a client can go back to the last page there is.
 */
export function pageOf<T>(items: T[], request: PageRequest, total: number): Page<T> {
  return { items, page: request.page, pageSize: request.pageSize, total };
}
