import { ApiProperty } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { isNullableRule } from '@partner-portal/api-contracts';
import { nestedClassOf, rawClassSchema } from '@partner-portal/contracts';

type Schema = Record<string, unknown>;
type Constructor = new () => object;

const described = new WeakSet<Constructor>();

/** Whether a property may be null (`@Nullable()`) and whether it may be absent (`@IsOptional()` or a condition). */
function nullability(type: Constructor, property: string): { nullable: boolean; optional: boolean } {
  const conditions = getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .filter((rule) => rule.propertyName === property && rule.type === ValidationTypes.CONDITIONAL_VALIDATION);
  return { nullable: conditions.some(isNullableRule), optional: conditions.some((rule) => !isNullableRule(rule)) };
}

/**
 * Describes a DTO class for @nestjs/swagger from its class-validator rules, so that the OpenAPI document is
 * generated from the same decorators that validate requests and describe responses (no second set of @ApiProperty
 * to keep in step). Properties with a default value in the class are optional; `@IsOptional()` ones too (may be
 * absent); `@Nullable()` ones are required and `nullable: true` (present, may be null; OpenAPI 3.0). Nested
 * classes are described too.
 */
export function describeDto(type: Constructor): void {
  if (described.has(type)) return;
  described.add(type);
  const schema = rawClassSchema(type, '#/definitions/');
  const defaults = new type() as Record<string, unknown>;
  for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
    const { $ref, items, ...rest } = propertySchema as Schema & { $ref?: string; items?: Schema & { $ref?: string } };
    const nested = $ref || items?.$ref ? (nestedClassOf(type, property) as Constructor | undefined) : undefined;
    if (nested) describeDto(nested);
    const hasDefault = defaults[property] !== undefined;
    const { nullable, optional } = nullability(type, property);
    // class-validator-jsonschema takes every condition (ours for null too) for "optional".
    const required = (schema.required ?? []).includes(property) || (nullable && !optional);
    const options: Schema = {
      ...rest,
      required: !hasDefault && required,
      ...(nullable ? { nullable: true } : {}),
      ...(hasDefault ? { default: defaults[property] } : {}),
    };
    if (nested && $ref) Object.assign(options, { type: () => nested });
    else if (nested && items?.$ref) Object.assign(options, { type: () => nested, isArray: true });
    else if (items) options.items = items;
    ApiProperty(options as never)(type.prototype, property);
  }
}
