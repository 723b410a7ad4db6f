/** Every topic of the platform, defined once (ARCHITECTURE.md section 3). */
export const Topics = {
  ErpMasterdata: 'erp.masterdata',
  ErpDocuments: 'erp.documents',
  PortalOrders: 'portal.orders',
  LicensingEvents: 'licensing.events',
  InvitationsEvents: 'invitations.events',
  PartnerIdentityEvents: 'partner-identity.events',
} as const;

/** The name of a platform topic. */
export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Partition counts: the ERP topics carry the volume (12), the others 6. A `.dlq` twin has as many. */
export const TopicPartitions: Readonly<Record<TopicName, number>> = {
  [Topics.ErpMasterdata]: 12,
  [Topics.ErpDocuments]: 12,
  [Topics.PortalOrders]: 6,
  [Topics.LicensingEvents]: 6,
  [Topics.InvitationsEvents]: 6,
  [Topics.PartnerIdentityEvents]: 6,
};

/** The dead-letter twin of a topic. */
export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** A topic to create, with its partition count. */
export interface TopicSpec {
  /** Topic name, without any deployment prefix. */
  name: string;
  /** Number of partitions. */
  partitions: number;
}

/** Every topic and its dead-letter twin, as infrastructure must create them. */
export function platformTopicSpecs(): TopicSpec[] {
  return Object.values(Topics).flatMap((name) => [
    { name, partitions: TopicPartitions[name] },
    { name: dlqTopicOf(name), partitions: TopicPartitions[name] },
  ]);
}

/** One consumer group per service (scaling a service adds members to its group). */
export const ConsumerGroups = {
  PartnerIdentity: 'partner-identity',
  Licensing: 'licensing',
  Invitations: 'invitations',
  DocumentProjection: 'document-projection',
} as const;
