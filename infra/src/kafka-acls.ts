import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';
import type { KafkaAcl, KafkaSecurity } from '@partner-portal/contracts';
import { infraAdmin } from './kafka-admin';

const resourceTypes: Record<KafkaAcl['resourceType'], AclResourceTypes> = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  cluster: AclResourceTypes.CLUSTER,
};

const operations: Record<KafkaAcl['operation'], AclOperationTypes> = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  describe: AclOperationTypes.DESCRIBE,
  'idempotent-write': AclOperationTypes.IDEMPOTENT_WRITE,
  delete: AclOperationTypes.DELETE,
};

/** An ACL as kafkajs's admin client takes it: ALLOW from any host. */
export function toAclEntry(acl: KafkaAcl): AclEntry {
  return {
    principal: acl.principal,
    host: '*',
    resourceType: resourceTypes[acl.resourceType],
    resourceName: acl.resourceName,
    resourcePatternType: acl.patternType === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    operation: operations[acl.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/**
 * Creates the ACLs on the cluster (an existing one is left as it is), as a user allowed to (the super user), and
 * waits until the broker enforces them: it acknowledges before its authorizer has loaded them.
 */
export async function createKafkaAcls(
  brokers: string[],
  security: KafkaSecurity,
  acls: KafkaAcl[],
  timeoutMs = 30_000,
): Promise<void> {
  if (acls.length === 0) return;
  const admin = infraAdmin('partner-portal-acls', brokers, security);
  await admin.connect();
  try {
    const entries = acls.map(toAclEntry);
    await admin.createAcls({ acl: entries });
    const wanted = entries.map(aclKey);
    for (const until = Date.now() + timeoutMs; ;) {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const present = new Set(resources.flatMap((r) => r.acls.map((a) => aclKey({ ...r, ...a }))));
      if (wanted.every((key) => present.has(key))) return;
      if (Date.now() > until) throw new Error(`the broker does not show the ACLs ${timeoutMs} ms after creating them`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

function aclKey(acl: Omit<AclEntry, 'host'>): string {
  const { principal, resourceType, resourcePatternType, resourceName, operation, permissionType } = acl;
  return [principal, resourceType, resourcePatternType, resourceName, operation, permissionType].join('|');
}
