import { ConsumerGroups, dlqTopicOf, Topics, type TopicName } from '../topics';

/** The Kafka users of the platform: one per service that talks to Kafka, and one shared by the ERP connectors. */
export const KafkaPrincipals = {
  PartnerIdentity: 'partner-identity',
  Licensing: 'licensing',
  Invitations: 'invitations',
  DocumentProjection: 'document-projection',
  Gateway: 'gateway',
  Connector: 'connector',
} as const;
export type KafkaPrincipal = (typeof KafkaPrincipals)[keyof typeof KafkaPrincipals];

/** Consumer groups of ERP connectors start with this (the simulator's: `erp-simulator-answer`). */
export const CONNECTOR_GROUP_PREFIX = 'erp-';

/** What one principal does on the bus (ARCHITECTURE.md section 2). */
export interface KafkaTopicUse {
  /** Topics it publishes to. */
  publishes: TopicName[];
  /** Topics it consumes; a service with an inbox dead-letters each to `<topic>.dlq` and indexes that twin. */
  consumes: TopicName[];
  /** Its consumer group, literal; `<group>.` prefixes its other groups (dead-letter index, rebuilds). */
  consumerGroup?: string;
  /** Its consumer groups, all those starting with this (connectors name their own). */
  consumerGroupPrefix?: string;
  /** Whether it dead-letters what it cannot process (services with an inbox). */
  deadLetters: boolean;
  /** Whether it deletes its own throw-away groups (the projection's rebuilds). */
  deletesGroups?: boolean;
}

/** Which topics each principal publishes to and consumes, as the services' handlers subscribe. */
export const KafkaTopicUses: Readonly<Record<KafkaPrincipal, KafkaTopicUse>> = {
  [KafkaPrincipals.PartnerIdentity]: {
    publishes: [Topics.PartnerIdentityEvents],
    consumes: [Topics.ErpMasterdata, Topics.InvitationsEvents, Topics.LicensingEvents],
    consumerGroup: ConsumerGroups.PartnerIdentity,
    deadLetters: true,
  },
  [KafkaPrincipals.Licensing]: {
    publishes: [Topics.LicensingEvents],
    consumes: [Topics.ErpMasterdata, Topics.InvitationsEvents, Topics.PartnerIdentityEvents],
    consumerGroup: ConsumerGroups.Licensing,
    deadLetters: true,
  },
  [KafkaPrincipals.Invitations]: {
    publishes: [Topics.InvitationsEvents],
    consumes: [Topics.ErpMasterdata, Topics.LicensingEvents, Topics.PartnerIdentityEvents],
    consumerGroup: ConsumerGroups.Invitations,
    deadLetters: true,
  },
  [KafkaPrincipals.DocumentProjection]: {
    publishes: [Topics.PortalOrders],
    consumes: [Topics.ErpDocuments, Topics.ErpMasterdata, Topics.PartnerIdentityEvents],
    consumerGroup: ConsumerGroups.DocumentProjection,
    deadLetters: true,
    deletesGroups: true,
  },
  // Forwards what HTTP-only connectors send (services/gateway/src/connector).
  [KafkaPrincipals.Gateway]: {
    publishes: [Topics.ErpMasterdata, Topics.ErpDocuments],
    consumes: [],
    deadLetters: false,
  },
  [KafkaPrincipals.Connector]: {
    publishes: [Topics.ErpMasterdata, Topics.ErpDocuments],
    consumes: [Topics.PortalOrders],
    consumerGroupPrefix: CONNECTOR_GROUP_PREFIX,
    deadLetters: false,
  },
};

/** One ALLOW rule for a principal from any host; names as Kafka's (kafkajs maps them to its enums). */
export interface KafkaAcl {
  principal: string;
  resourceType: 'topic' | 'group' | 'cluster';
  resourceName: string;
  patternType: 'literal' | 'prefixed';
  operation: 'read' | 'write' | 'describe' | 'idempotent-write' | 'delete';
}

/** Kafka's name for the cluster resource. */
export const KAFKA_CLUSTER_RESOURCE = 'kafka-cluster';

/**
 * The ACLs of one principal under a topic prefix (which also prefixes consumer groups): WRITE on what it publishes
 * and on the dead-letter twins of what it consumes, READ on what it consumes (and those twins, which its dead-letter
 * index reads) and on its consumer groups. Nothing else: with `allow.everyone.if.no.acl.found=false` the rest is
 * refused.
 */
export function kafkaAclsOf(principal: KafkaPrincipal, topicPrefix = ''): KafkaAcl[] {
  const use = KafkaTopicUses[principal];
  const user = `User:${principal}`;
  const acl = (
    resourceType: KafkaAcl['resourceType'],
    resourceName: string,
    operation: KafkaAcl['operation'],
    patternType: KafkaAcl['patternType'] = 'literal',
  ): KafkaAcl => ({ principal: user, resourceType, resourceName, patternType, operation });
  const topic = (name: string) => `${topicPrefix}${name}`;
  const written = [...use.publishes, ...(use.deadLetters ? use.consumes.map(dlqTopicOf) : [])];
  const read = [...use.consumes, ...(use.deadLetters ? use.consumes.map(dlqTopicOf) : [])];
  const acls: KafkaAcl[] = [
    ...written.flatMap((name) => [acl('topic', topic(name), 'write'), acl('topic', topic(name), 'describe')]),
    ...read.flatMap((name) => [acl('topic', topic(name), 'read'), acl('topic', topic(name), 'describe')]),
  ];
  // The platform's producers are idempotent.
  if (written.length > 0) acls.push(acl('cluster', KAFKA_CLUSTER_RESOURCE, 'idempotent-write'));
  if (use.consumerGroup) {
    const group = topic(use.consumerGroup);
    acls.push(acl('group', group, 'read'), acl('group', `${group}.`, 'read', 'prefixed'));
    if (use.deletesGroups) acls.push(acl('group', `${group}.`, 'delete', 'prefixed'));
  }
  if (use.consumerGroupPrefix) acls.push(acl('group', topic(use.consumerGroupPrefix), 'read', 'prefixed'));
  // A topic both written and read (a dead-letter twin) needs DESCRIBE once.
  const seen = new Set<string>();
  return acls.filter((a) => {
    const key = `${a.resourceType}|${a.patternType}|${a.resourceName}|${a.operation}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** The ACLs of every principal of the platform under a topic prefix. */
export function platformKafkaAcls(topicPrefix = ''): KafkaAcl[] {
  return Object.values(KafkaPrincipals).flatMap((principal) => kafkaAclsOf(principal, topicPrefix));
}
