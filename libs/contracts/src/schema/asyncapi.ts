import { EventCatalogue } from '../catalogue';
import { eventHeaders, EventHeaders, type EventEnvelope } from '../envelope';
import type { EventDefinition } from '../event-definition';
import { KafkaPrincipals, KafkaTopicUses, type KafkaPrincipal } from '../kafka/kafka-acls';
import { dlqTopicOf, TopicPartitions, Topics, type TopicName } from '../topics';
import type { JsonSchema } from './class-schemas';
import { envelopeSchemaOf, eventVersionName, payloadSchemasOf } from './event-schemas';
import { readEventExamples } from './event-examples';

/** An AsyncAPI 3.0 document, as plain JSON. */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, JsonSchema>;
  channels: Record<string, JsonSchema>;
  operations: Record<string, JsonSchema>;
  components: {
    schemas: Record<string, JsonSchema>;
    messages: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

const SCHEMAS = '#/components/schemas/';
const KAFKA_BINDING_VERSION = '0.5.0';

/**
 * The side the document is written from: the platform's services. The gateway publishes to `erp.*` only what
 * HTTP-only connectors post, so its messages there are the connectors', not the platform's.
 */
const CONNECTOR_SIDE: readonly KafkaPrincipal[] = [KafkaPrincipals.Connector, KafkaPrincipals.Gateway];
const onPlatformSide = (principal: KafkaPrincipal) => !CONNECTOR_SIDE.includes(principal);

const PRINCIPAL_WORDS: Partial<Record<KafkaPrincipal, string>> = {
  [KafkaPrincipals.Connector]: 'ERP connectors (Kafka user `connector`, consumer groups `erp-*`)',
  [KafkaPrincipals.Gateway]: 'the gateway, for connectors that speak only HTTP (`POST /api/connector/events`)',
};

const describePrincipal = (principal: KafkaPrincipal) => PRINCIPAL_WORDS[principal] ?? `\`${principal}\``;

function principalsThat(use: 'publishes' | 'consumes', topic: TopicName): KafkaPrincipal[] {
  return (Object.keys(KafkaTopicUses) as KafkaPrincipal[]).filter((principal) =>
    KafkaTopicUses[principal][use].includes(topic),
  );
}

const list = (principals: KafkaPrincipal[]) => principals.map(describePrincipal).join(', ') || 'nobody';

/** `erp.masterdata` → `erpMasterdata`: the channel's id, from the name the code gives the topic. */
const CHANNEL_IDS = new Map<string, string>(
  Object.entries(Topics).map(([constant, topic]) => [topic, constant[0].toLowerCase() + constant.slice(1)]),
);
const channelIdOf = (topic: TopicName) => CHANNEL_IDS.get(topic) as string;

const capitalized = (word: string) => word[0].toUpperCase() + word.slice(1);

/**
 * The message key rule of a definition, read from its `key` function itself: every envelope and payload field it
 * reads comes back as `{field}`, e.g. `{tenantId}|{payload.environment}|{payload.companyId}|{payload.partnerNo}`.
 */
export function keyRuleOf(definition: EventDefinition): string {
  const placeholders = (prefix: string): object =>
    new Proxy(
      {},
      { get: (_target, field) => (field === 'payload' ? placeholders('payload.') : `{${prefix}${String(field)}}`) },
    );
  return definition.key(placeholders('') as EventEnvelope<never>);
}

/** The Kafka headers of a message, which repeat envelope fields (EVENTS.md), with the envelope's own rules. */
function headersSchemaOf(definition: EventDefinition, envelope: JsonSchema): JsonSchema {
  const fields = envelope.properties as Record<string, JsonSchema>;
  return {
    type: 'object',
    description: 'Kafka headers repeating envelope fields, so that tools can route without parsing the value',
    required: Object.values(EventHeaders),
    properties: {
      [EventHeaders.Type]: { type: 'string', const: definition.type },
      [EventHeaders.Version]: { type: 'string', const: String(definition.version) },
      [EventHeaders.EventId]: fields.eventId,
      [EventHeaders.TenantId]: fields.tenantId,
      [EventHeaders.CorrelationId]: fields.correlationId,
    },
  };
}

function messageOf(
  definition: EventDefinition,
  envelope: JsonSchema,
  example: EventEnvelope<object> | undefined,
): JsonSchema {
  const name = eventVersionName(definition);
  return {
    name,
    title: `${definition.type} (version ${definition.version})`,
    summary: `\`${definition.type}\` version ${definition.version} on \`${definition.topic}\``,
    contentType: 'application/json',
    headers: headersSchemaOf(definition, envelope),
    payload: { $ref: `${SCHEMAS}${name}` },
    bindings: {
      kafka: {
        key: {
          type: 'string',
          description: `Message key \`${keyRuleOf(definition)}\`: it decides the partition, so events of one key stay in order`,
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    ...(example ? { examples: [{ name, headers: eventHeaders(example), payload: example }] } : {}),
  };
}

function channelOf(topic: TopicName, definitions: EventDefinition[]): JsonSchema {
  return {
    address: topic,
    title: topic,
    description: [
      `Published by ${list(principalsThat('publishes', topic))}.`,
      `Consumed by ${list(principalsThat('consumes', topic))}.`,
      `What a consumer cannot process goes to \`${dlqTopicOf(topic)}\` with its key, value and headers.`,
    ].join(' '),
    messages: Object.fromEntries(
      definitions.map((definition) => {
        const name = eventVersionName(definition);
        return [name, { $ref: `#/components/messages/${name}` }];
      }),
    ),
    bindings: { kafka: { partitions: TopicPartitions[topic], bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

/** A send operation where the platform's services publish, a receive operation where they consume. */
function operationsOf(topic: TopicName, definitions: EventDefinition[]): Record<string, JsonSchema> {
  const channelId = channelIdOf(topic);
  const messages = definitions.map((definition) => ({
    $ref: `#/channels/${channelId}/messages/${eventVersionName(definition)}`,
  }));
  const operations: Record<string, JsonSchema> = {};
  const sides = [
    { action: 'send', use: 'publishes', done: 'Published' },
    { action: 'receive', use: 'consumes', done: 'Consumed' },
  ] as const;
  for (const { action, use, done } of sides) {
    const principals = principalsThat(use, topic).filter(onPlatformSide);
    if (principals.length === 0) continue;
    operations[`${action}${capitalized(channelId)}`] = {
      action,
      channel: { $ref: `#/channels/${channelId}` },
      summary: `${done} by ${list(principals)}`,
      messages,
    };
  }
  return operations;
}

const DESCRIPTION = [
  'The events of the partner portal, generated from the catalogue of `libs/contracts` (the same rules validate',
  'every message at run time, so this document cannot drift from them). One channel per Kafka topic, one message',
  'per event type and version (`PortalOrderSubmitted.v1`); a message is a JSON envelope whose `payload` follows',
  'that version. Operations are written from the platform\u2019s side: `receive` on `erp.masterdata` and',
  '`erp.documents` is what the services read from ERP connectors (connectors publish there, with the same',
  'messages); `send` on `portal.orders` is what connectors consume. Unknown fields are tolerated (adding an',
  'optional field is not a breaking change; a breaking change is a new version); an optional field may also be',
  '`null`. Connectors that speak only HTTP post the same envelopes to `POST /api/connector/events` and read',
  '`portal.orders` from `GET /api/connector/portal-orders`.',
].join(' ');

/**
 * The AsyncAPI 3.0 document of the event catalogue: every topic of `topics.ts` as a channel, who publishes and
 * consumes it from `KafkaTopicUses`, every event version as a message whose payload schema is generated from its
 * validation classes, with its key rule, its headers and its checked-in example.
 */
export function eventAsyncApiDocument(
  examples: ReadonlyMap<string, EventEnvelope<object>> = readEventExamples(),
): AsyncApiDocument {
  const topics = Object.values(Topics);
  const byTopic = (topic: TopicName) => EventCatalogue.filter((definition) => definition.topic === topic);
  const envelopes = EventCatalogue.map((definition) => ({
    definition,
    name: eventVersionName(definition),
    envelope: envelopeSchemaOf(definition, SCHEMAS),
  }));
  return {
    asyncapi: '3.0.0',
    info: { title: 'Partner Portal events', version: '1', description: DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: '{brokers}',
        protocol: 'kafka',
        description:
          'The Kafka cluster of a deployment. Clients authenticate with SASL/SCRAM-SHA-512 (docs/messaging.md).',
        variables: {
          brokers: {
            default: '127.0.0.1:9092',
            description:
              "The deployment's brokers (`KAFKA_BROKERS`); 127.0.0.1:9092 is the local broker of `npm start`",
          },
        },
        security: [{ $ref: '#/components/securitySchemes/scramSha512' }],
      },
    },
    channels: Object.fromEntries(topics.map((topic) => [channelIdOf(topic), channelOf(topic, byTopic(topic))])),
    operations: Object.assign({}, ...topics.map((topic) => operationsOf(topic, byTopic(topic)))),
    components: {
      schemas: {
        ...Object.fromEntries(envelopes.map(({ name, envelope }) => [name, envelope])),
        ...payloadSchemasOf(EventCatalogue, SCHEMAS),
      },
      messages: Object.fromEntries(
        envelopes.map(({ definition, name, envelope }) => [name, messageOf(definition, envelope, examples.get(name))]),
      ),
      securitySchemes: {
        scramSha512: {
          type: 'scramSha512',
          description:
            'SASL/SCRAM-SHA-512: a Kafka user per service and `connector` for ERP connectors, each allowed by ACLs ' +
            'to write and read only its own topics (TLS where the deployment sets `KAFKA_SSL`)',
        },
      },
    },
  };
}
