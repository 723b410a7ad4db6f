import type { SchemaObject } from '@nestjs/swagger';
import {
  envelopeSchemaOf,
  EventCatalogue,
  eventVersionName,
  payloadSchemasOf,
  type EventDefinition,
  type JsonSchema,
} from '@partner-portal/contracts';
import { CONNECTOR_TOPICS } from '../connector/event-batch';

const COMPONENTS = '#/components/schemas/';

/** The event versions a connector may post to `POST /api/connector/events`. */
const connectorEvents = (): EventDefinition[] =>
  EventCatalogue.filter((definition) => CONNECTOR_TOPICS.has(definition.topic));

/**
 * A draft-07 schema of the contracts in OpenAPI 3.0's dialect: `const` as a one-value `enum`, `null` as
 * `nullable`. What 3.0 cannot say (`if`/`then`) stops the build rather than being dropped: a connector event with a
 * conditional rule needs a word here first.
 */
export function toOpenApi30(schema: JsonSchema): SchemaObject {
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'if' || keyword === 'then' || keyword === 'else') {
      throw new Error(`OpenAPI 3.0 has no ${keyword}: describe this conditional rule another way`);
    } else if (keyword === 'const') out.enum = [value];
    else if (keyword === 'type' && Array.isArray(value)) {
      const types = value.filter((type) => type !== 'null');
      if (types.length !== 1) throw new Error(`OpenAPI 3.0 has no type ${value.join(' | ')}`);
      out.type = types[0];
      if (types.length < value.length) out.nullable = true;
    } else if (keyword === 'anyOf' && Array.isArray(value) && value.some((s: JsonSchema) => s.type === 'null')) {
      // A `$ref` beside `nullable` would be ignored: OpenAPI 3.0 wraps it in `allOf`.
      out.allOf = value.filter((s: JsonSchema) => s.type !== 'null').map(toOpenApi30);
      out.nullable = true;
    } else if (keyword === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, property]) => [name, toOpenApi30(property)]),
      );
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && typeof value === 'object') {
      out[keyword] = toOpenApi30(value as JsonSchema);
    } else if (['allOf', 'anyOf', 'oneOf'].includes(keyword)) out[keyword] = (value as JsonSchema[]).map(toOpenApi30);
    else out[keyword] = value;
  }
  return out as SchemaObject;
}

/** The envelope of every event version a connector may post, and every class in them, as OpenAPI 3.0 schemas. */
export function connectorEventSchemas(): Record<string, SchemaObject> {
  const definitions = connectorEvents();
  const schemas: Record<string, JsonSchema> = {
    ...Object.fromEntries(definitions.map((d) => [eventVersionName(d), envelopeSchemaOf(d, COMPONENTS)])),
    ...payloadSchemasOf(definitions, COMPONENTS),
  };
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, toOpenApi30(schema)]));
}

/**
 * One of the connector's event versions. A discriminator on `type` maps a type to one schema, so it is given only
 * while no type a connector posts has two versions (then `version` decides, which a discriminator cannot say).
 */
export function connectorEventSchema(): SchemaObject {
  const definitions = connectorEvents();
  const types = definitions.map((d) => d.type);
  const oneVersionEach = new Set(types).size === types.length;
  return {
    oneOf: definitions.map((d) => ({ $ref: `${COMPONENTS}${eventVersionName(d)}` })),
    ...(oneVersionEach
      ? {
          discriminator: {
            propertyName: 'type',
            mapping: Object.fromEntries(definitions.map((d) => [d.type, `${COMPONENTS}${eventVersionName(d)}`])),
          },
        }
      : {}),
  };
}
