import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

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

/** A page of results. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
