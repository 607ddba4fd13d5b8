import { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;
/** Far past any real list, and its offset stays a small integer. */
export const MAX_PAGE = 1_000_000;

/** `?page=&pageSize=` of every list endpoint. Extend it for filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize = 50;
}

/** Paging plus a date range (inclusive) on the listed thing's own date, for runs and statements. */
export class DatedPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'From this day on (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Up to this day (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * A page cut from a list that is small by nature per organisation (tiers, dunning
 * levels, fiscal years, the chart): one query for all, sliced here, the same answer
 * shape as every other list.
 */
export function pageFrom<T>(all: T[], query: PageQueryDto): Page<T> {
  const { skip, take } = pageWindow(query);
  return pageOf(all.slice(skip, skip + take), all.length, query);
}

/** SQL OFFSET/LIMIT for a page query. */
export function pageWindow(query: PageQueryDto): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}

/** An OpenAPI class for `Page<Item>` (Swagger cannot describe generics). */
export function PageDto<T>(item: Type<T>): Type<Page<T>> {
  class PageOfItem implements Page<T> {
    @ApiProperty({ type: item, isArray: true })
    items: T[];
    @ApiProperty()
    total: number;
    @ApiProperty()
    page: number;
    @ApiProperty()
    pageSize: number;
  }
  Object.defineProperty(PageOfItem, 'name', { value: `PageOf${item.name.replace(/Dto$/, '')}` });
  return PageOfItem;
}
