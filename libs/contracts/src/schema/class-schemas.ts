import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { DATE_ONLY_PATTERN, UTC_TIMESTAMP_PATTERN } from '../common/field-rules';

/** A JSON Schema (draft-07) or one of its subschemas, as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** A validation class (its constructor). */
export type ValidationClass = abstract new (...args: never[]) => object;

/** The draft every schema of the contracts is written in; AsyncAPI 3.0's default schema format builds on it. */
export const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

// class-validator's IsUUID() takes versions 1 to 8 and the nil and max UUIDs; format `uuid` alone takes any hex.
const HEX = '[0-9a-fA-F]';
const uuidPattern = (version: string) =>
  `^(?:${HEX}{8}-${HEX}{4}-${version}${HEX}{3}-[89abAB]${HEX}{3}-${HEX}{12}` +
  `|00000000-0000-0000-0000-000000000000|[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12})$`;

/**
 * JSON Schema for the class-validator rules whose meaning the library cannot know: the contracts' own
 * (`IsDateOnly`, `IsUtcTimestamp`) and those where class-validator is stricter than a JSON Schema format. The
 * calendar checks behind the patterns are what `format` says (`date`, `date-time`). Shared with the gateway's DTO
 * schemas, so that the OpenAPI document and the event schemas say one thing.
 */
export const contractRuleSchemas = {
  isDateOnly: () => ({ type: 'string' as const, format: 'date', pattern: DATE_ONLY_PATTERN.source }),
  isUtcTimestamp: () => ({ type: 'string' as const, format: 'date-time', pattern: UTC_TIMESTAMP_PATTERN.source }),
  isUuid: (meta: ValidationMetadata) => {
    const version = meta.constraints?.[0] as string | number | undefined;
    if (version !== undefined && version !== 'all' && !/^[1-8]$/.test(String(version))) {
      throw new Error(`IsUUID(${String(version)}) on ${meta.propertyName} has no JSON Schema here`);
    }
    return {
      type: 'string' as const,
      format: 'uuid',
      pattern: uuidPattern(version === undefined || version === 'all' ? '[1-8]' : String(version)),
    };
  },
};

/** The class a nested property holds (class-transformer's `@Type`, which it also finds on the class's ancestors). */
export function nestedClassOf(target: ValidationClass, property: string): ValidationClass | undefined {
  return defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction() as ValidationClass | undefined;
}

/** The JSON Schema class-validator-jsonschema derives from one class's rules, nested classes as `$ref`s. */
export function rawClassSchema(
  type: ValidationClass,
  refPrefix: string,
): JsonSchema & { properties?: Record<string, JsonSchema>; required?: string[] } {
  return targetConstructorToSchema(type, {
    classTransformerMetadataStorage: defaultMetadataStorage,
    classValidatorMetadataStorage: getMetadataStorage(),
    additionalConverters: contractRuleSchemas,
    refPointerPrefix: refPrefix,
  }) as JsonSchema;
}

type Condition = (object: Record<string, unknown>, value: unknown) => boolean;

const isOptionalRule = (rule: ValidationMetadata) => rule.name === 'isOptional';

/** Draft-07 ignores a `$ref`'s siblings: the `type: object` of `@IsObject()` beside it says nothing the class does not. */
function withoutRefSiblings(schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref };
  const items = schema.items as JsonSchema | undefined;
  return items && typeof items.$ref === 'string' ? { ...schema, items: { $ref: items.$ref } } : schema;
}

/** `@IsOptional()` skips every rule for `null` as for a missing value, so the schema takes `null` too. */
function orNull(schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref === 'string') return { anyOf: [schema, { type: 'null' }] };
  if (typeof schema.type !== 'string') return schema;
  const nullable: JsonSchema = { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.enum)) nullable.enum = [...schema.enum, null];
  return nullable;
}

/**
 * `@ValidateIf` conditions are code, not data: each is asked, for every value of the one enumerated property it
 * reads, whether the property's rules apply. A condition reading anything else cannot be written as an `if` on one
 * property and stops the generation, so that it is noticed rather than described wrongly.
 */
function conditionalRule(
  type: ValidationClass,
  property: string,
  conditions: Condition[],
  rules: JsonSchema,
  properties: Record<string, JsonSchema>,
): { schema: JsonSchema; condition: JsonSchema } {
  const read = new Set<string>();
  const probe = (values: Record<string, unknown>) =>
    new Proxy(values, {
      get: (target, key) => {
        if (typeof key === 'string') read.add(key);
        return target[key as string];
      },
    });
  for (const condition of conditions) condition(probe({}), undefined);
  const [discriminator, ...others] = read;
  const values = discriminator ? properties[discriminator]?.enum : undefined;
  if (others.length > 0 || !Array.isArray(values)) {
    throw new Error(`the condition on ${type.name}.${property} does not depend on one enumerated property`);
  }
  const when = values.filter((value) =>
    conditions.every((condition) => condition({ [discriminator]: value }, undefined)),
  );
  return {
    schema: {
      description: `Required and checked when \`${discriminator}\` is ${when.map((v) => `\`${String(v)}\``).join(' or ')}; ignored otherwise.`,
    },
    condition: {
      if: { properties: { [discriminator]: { enum: when } }, required: [discriminator] },
      then: { properties: { [property]: rules }, required: [property] },
    },
  };
}

/**
 * The JSON Schema of one class, from the same class-validator rules that validate it at run time: required unless
 * `@IsOptional()` (which also takes `null`), conditional rules as `if`/`then`, and open to properties it does not
 * name, since validation tolerates them (adding an optional field is not a breaking change).
 */
function classSchema(type: ValidationClass, refPrefix: string): JsonSchema {
  const raw = rawClassSchema(type, refPrefix);
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const required = new Set(raw.required ?? []);
  const properties: Record<string, JsonSchema> = {};
  const conditions: JsonSchema[] = [];
  for (const [property, generated] of Object.entries(raw.properties ?? {})) {
    const conditional = metadata.filter(
      (rule) => rule.propertyName === property && rule.type === ValidationTypes.CONDITIONAL_VALIDATION,
    );
    let schema = withoutRefSiblings(generated);
    if (conditional.some(isOptionalRule)) schema = orNull(schema);
    const validateIf = conditional.filter((rule) => !isOptionalRule(rule));
    if (validateIf.length > 0) {
      const described = conditionalRule(
        type,
        property,
        validateIf.map((rule) => rule.constraints[0] as Condition),
        schema,
        raw.properties ?? {},
      );
      schema = described.schema;
      conditions.push(described.condition);
    }
    properties[property] = schema;
  }
  return {
    type: 'object',
    properties,
    ...(required.size > 0 ? { required: [...required] } : {}),
    additionalProperties: true,
    ...(conditions.length > 0 ? { allOf: conditions } : {}),
  };
}

/**
 * The JSON Schema of each class reachable from `roots` through nested properties, by class name; nested classes
 * are `$ref`s to `refPrefix` + their name. Two classes of one name would make one `$ref` mean two things: refused.
 */
export function classJsonSchemas(roots: readonly ValidationClass[], refPrefix: string): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  const byName = new Map<string, ValidationClass>();
  const visit = (type: ValidationClass): void => {
    const known = byName.get(type.name);
    if (known === type) return;
    if (known) throw new Error(`two contract classes are named ${type.name}; a schema name must say which`);
    byName.set(type.name, type);
    schemas[type.name] = classSchema(type, refPrefix);
    const properties = Object.keys((schemas[type.name].properties as object) ?? {});
    for (const property of properties) {
      const nested = nestedClassOf(type, property);
      if (nested) visit(nested);
    }
  };
  roots.forEach(visit);
  return schemas;
}
