import 'reflect-metadata';
import { EventCatalogue } from '../catalogue';
import { dlqTopicOf, Topics } from '../topics';
import { kafkaAclsOf, KafkaPrincipals, KafkaTopicUses, platformKafkaAcls, type KafkaAcl } from './kafka-acls';

const allowed = (acls: KafkaAcl[], resourceType: KafkaAcl['resourceType'], operation: KafkaAcl['operation']) =>
  acls
    .filter((a) => a.resourceType === resourceType && a.operation === operation)
    .map((a) => (a.patternType === 'prefixed' ? `${a.resourceName}*` : a.resourceName))
    .sort();

describe('kafkaAclsOf', () => {
  it('lets invitations write its own topic and the dead-letter twins of what it consumes, nothing else', () => {
    // given the invitations service
    // when its ACLs are derived
    const acls = kafkaAclsOf(KafkaPrincipals.Invitations);
    // then it writes invitations.events and the .dlq of erp.masterdata, licensing.events, partner-identity.events
    expect(allowed(acls, 'topic', 'write')).toEqual(
      [
        Topics.InvitationsEvents,
        dlqTopicOf(Topics.ErpMasterdata),
        dlqTopicOf(Topics.LicensingEvents),
        dlqTopicOf(Topics.PartnerIdentityEvents),
      ].sort(),
    );
    expect(allowed(acls, 'cluster', 'idempotent-write')).toEqual(['kafka-cluster']);
  });

  it('lets a service read what it consumes, their dead-letter twins and its own consumer groups', () => {
    // given the licensing service
    // when its ACLs are derived
    const acls = kafkaAclsOf(KafkaPrincipals.Licensing);
    // then it reads its three topics and their twins, in its group and the groups named after it
    expect(allowed(acls, 'topic', 'read')).toEqual(
      [Topics.ErpMasterdata, Topics.InvitationsEvents, Topics.PartnerIdentityEvents]
        .flatMap((t) => [t, dlqTopicOf(t)])
        .sort(),
    );
    expect(allowed(acls, 'group', 'read')).toEqual(['licensing', 'licensing.*']);
    expect(allowed(acls, 'group', 'delete')).toEqual([]);
  });

  it("puts the topic prefix on topics and groups, so the projection's rebuild groups are covered", () => {
    // given a deployment whose topics and groups carry a prefix
    // when the document projection's ACLs are derived
    const acls = kafkaAclsOf(KafkaPrincipals.DocumentProjection, 't1.');
    // then its group and every `document-projection.rebuild-<id>` group, prefixed, may be read and deleted
    expect(allowed(acls, 'group', 'read')).toEqual(['t1.document-projection', 't1.document-projection.*']);
    expect(allowed(acls, 'group', 'delete')).toEqual(['t1.document-projection.*']);
    expect(allowed(acls, 'topic', 'write')).toContain('t1.portal.orders');
    expect(acls.every((a) => a.resourceType === 'cluster' || a.resourceName.startsWith('t1.'))).toBe(true);
  });

  it('lets a connector write only the ERP topics and read only portal orders', () => {
    // given an ERP connector
    // when its ACLs are derived
    const acls = kafkaAclsOf(KafkaPrincipals.Connector);
    // then it writes erp.* only, reads portal.orders only, in groups starting with erp-
    expect(allowed(acls, 'topic', 'write')).toEqual([Topics.ErpDocuments, Topics.ErpMasterdata]);
    expect(allowed(acls, 'topic', 'read')).toEqual([Topics.PortalOrders]);
    expect(allowed(acls, 'group', 'read')).toEqual(['erp-*']);
  });

  it('gives the gateway, which consumes nothing, no group and no read', () => {
    const acls = kafkaAclsOf(KafkaPrincipals.Gateway);
    expect(allowed(acls, 'topic', 'read')).toEqual([]);
    expect(acls.filter((a) => a.resourceType === 'group')).toEqual([]);
  });

  it('lets exactly one principal besides the ERP writers publish each service topic', () => {
    // given every principal's ACLs
    const acls = platformKafkaAcls();
    // when the writers of each topic are collected
    const writers = (topic: string) =>
      acls.filter((a) => a.operation === 'write' && a.resourceName === topic).map((a) => a.principal);
    // then a service's events topic has its owner alone as writer (nobody else can forge InviteAccepted)
    expect(writers(Topics.InvitationsEvents)).toEqual(['User:invitations']);
    expect(writers(Topics.PartnerIdentityEvents)).toEqual(['User:partner-identity']);
    expect(writers(Topics.LicensingEvents)).toEqual(['User:licensing']);
    expect(writers(Topics.PortalOrders)).toEqual(['User:document-projection']);
  });

  it('names only catalogue topics, and every catalogue topic has a writer', () => {
    const topics = new Set<string>(Object.values(Topics));
    const uses = Object.values(KafkaTopicUses);
    expect(uses.flatMap((u) => [...u.publishes, ...u.consumes]).every((t) => topics.has(t))).toBe(true);
    expect(new Set(EventCatalogue.map((d) => d.topic))).toEqual(new Set(uses.flatMap((u) => u.publishes)));
  });
});
