import { Type } from 'class-transformer';
import { IsArray, IsInt, Min, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';

/**
 * The context `@Nullable()` marks its rule with, so that the OpenAPI generator tells "may be null" (`nullable: true`,
 * still required) apart from "may be absent" (`@IsOptional()`, not required).
 */
export const NULLABLE_CONTEXT = { nullable: true } as const;

/** Whether a class-validator rule is the one `@Nullable()` adds. */
export function isNullableRule(rule: { context?: unknown }): boolean {
  return (rule.context as { nullable?: unknown } | undefined)?.nullable === true;
}

const notNull = (_object: object, value: unknown) => value !== null;

/**
 * The property is always present and may be `null` (`string | null`): null passes, any other value must satisfy the
 * property's other rules, and a missing property is refused. Combine with `@IsOptional()` only for a property that
 * may also be absent. The OpenAPI document shows it as `nullable: true`.
 */
export function Nullable(): PropertyDecorator {
  return ValidateIf(notNull, { context: NULLABLE_CONTEXT } as ValidationOptions);
}

/** An array of objects of the given class, each validated. */
export function NestedArray(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ValidateNested({ each: true })(target, key);
    Type(type)(target, key);
  };
}

/** Page number, page size and the total of a page of a list; the concrete page classes add their `items`. */
export class PageResponse {
  /** The page, counting from 1. */
  @IsInt()
  @Min(1)
  page!: number;

  @IsInt()
  @Min(1)
  pageSize!: number;

  /** Every item the filters match, on all pages. */
  @IsInt()
  @Min(0)
  total!: number;
}
