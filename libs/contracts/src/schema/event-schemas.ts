import { EventCatalogue } from '../catalogue';
import { EventEnvelopeV1 } from '../envelope';
import type { EventDefinition } from '../event-definition';
import { classJsonSchemas, JSON_SCHEMA_DRAFT, type JsonSchema } from './class-schemas';

/** `PortalOrderSubmitted.v1`: how an event version is named in its schema, its example and the AsyncAPI document. */
export function eventVersionName(definition: Pick<EventDefinition, 'type' | 'version'>): string {
  return `${definition.type}.v${definition.version}`;
}

/** The catalogue's definition of a version name such as `PortalOrderSubmitted.v1`. */
export function findEventVersion(name: string): EventDefinition | undefined {
  return EventCatalogue.find((definition) => eventVersionName(definition) === name);
}

/**
 * What validation refuses before any schema is looked at (`unstorableFields`): said in words, since JSON Schema
 * cannot say it of every string and object at once.
 */
const UNSTORABLE =
  'No string may contain U+0000, no object may have a `__proto__` key, and nothing may be nested deeper than 64 ' +
  'levels: such a message is refused before validation.';

/**
 * The JSON Schema of one event version's envelope, from the envelope's own rules (`EventEnvelopeV1`), with its
 * `type` and `version` fixed and its payload a `$ref` to `refPrefix` + the payload class's name.
 */
export function envelopeSchemaOf(definition: EventDefinition, refPrefix: string): JsonSchema {
  const envelope = classJsonSchemas([EventEnvelopeV1], refPrefix)[EventEnvelopeV1.name];
  return {
    title: eventVersionName(definition),
    description: `Version ${definition.version} of \`${definition.type}\` on \`${definition.topic}\`, in the platform's envelope. ${UNSTORABLE}`,
    ...envelope,
    properties: {
      ...(envelope.properties as Record<string, JsonSchema>),
      type: { type: 'string', const: definition.type },
      version: { type: 'integer', const: definition.version },
      payload: { $ref: `${refPrefix}${definition.payload.name}` },
    },
  };
}

/** The schemas of the payload classes of `definitions` and of the classes they nest, by class name. */
export function payloadSchemasOf(
  definitions: readonly EventDefinition[],
  refPrefix: string,
): Record<string, JsonSchema> {
  return classJsonSchemas(
    definitions.map((definition) => definition.payload),
    refPrefix,
  );
}

const DEFINITIONS = '#/definitions/';

/** One event version's schema as a document of its own (draft-07), its payload classes under `definitions`. */
export function eventJsonSchema(definition: EventDefinition): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT,
    ...envelopeSchemaOf(definition, DEFINITIONS),
    definitions: payloadSchemasOf([definition], DEFINITIONS),
  };
}

/** The schema of every event version of the catalogue, by version name (`PortalOrderSubmitted.v1`). */
export function eventJsonSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(
    EventCatalogue.map((definition) => [eventVersionName(definition), eventJsonSchema(definition)]),
  );
}
