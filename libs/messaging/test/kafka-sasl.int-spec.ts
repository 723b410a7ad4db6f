import { randomBytes } from 'node:crypto';
import { logLevel, type KafkaConfig } from 'kafkajs';
import {
  KafkaPrincipals,
  platformKafkaAcls,
  platformTopicSpecs,
  Topics,
  type KafkaPrincipal,
  type KafkaSecurity,
} from '@partner-portal/contracts';
import { publishAs, startEphemeralKafka, waitFor, type EphemeralKafka } from '@partner-portal/testing';
import { createKafka } from '../src';

const password = () => randomBytes(12).toString('hex');
const passwords = new Map<KafkaPrincipal, string>(Object.values(KafkaPrincipals).map((p) => [p, password()]));

/** How a principal connects; a wrong password when asked. */
const as = (principal: KafkaPrincipal, secret = passwords.get(principal)!): KafkaSecurity => ({
  sasl: { mechanism: 'scram-sha-512', username: principal, password: secret },
});

// A broker of its own with users of its own, so that what each may do is seen without the test run's super user.
describe('Kafka with SASL/SCRAM-SHA-512 and the per-service ACLs', () => {
  let kafka: EphemeralKafka;
  const FAIL_FAST: Partial<KafkaConfig> = {
    retry: { retries: 1, initialRetryTime: 100 },
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
  };
  const client = (security: KafkaSecurity) =>
    createKafka({ brokers: kafka.brokers, clientId: 'sasl-test', logLevel: logLevel.NOTHING, security }, FAIL_FAST);

  const publish = (security: KafkaSecurity, topic: string) => publishAs(kafka.brokers, security, topic);

  beforeAll(async () => {
    kafka = await startEphemeralKafka(platformTopicSpecs(), {
      sasl: { adminPassword: password(), users: [...passwords].map(([name, secret]) => ({ name, password: secret })) },
      acls: platformKafkaAcls(),
    });
  }, 180_000);

  afterAll(() => kafka?.destroy(), 60_000);

  it('refuses a client without credentials', async () => {
    // given a client that does not authenticate
    // when it publishes
    // then the broker, expecting a SASL handshake, hangs up
    await expect(publish({}, Topics.InvitationsEvents)).rejects.toThrow(/Closed connection/);
  });

  it('refuses a client with a wrong password', async () => {
    await expect(publish(as(KafkaPrincipals.Invitations, password()), Topics.InvitationsEvents)).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/,
    );
  });

  it("lets invitations publish its own events but not partner-identity's", async () => {
    // given the invitations service's credentials
    const invitations = as(KafkaPrincipals.Invitations);
    // when it publishes to its topic and to another service's
    // then the first is acknowledged and the second refused by the authorizer
    await expect(publish(invitations, Topics.InvitationsEvents)).resolves.toBeUndefined();
    await expect(publish(invitations, Topics.PartnerIdentityEvents)).rejects.toThrow(/authoriz/i);
  });

  it('lets a connector publish ERP documents but not forge invitation events (InviteAccepted)', async () => {
    const connector = as(KafkaPrincipals.Connector);
    await expect(publish(connector, Topics.ErpDocuments)).resolves.toBeUndefined();
    await expect(publish(connector, Topics.InvitationsEvents)).rejects.toThrow(/authoriz/i);
  });

  it('lets licensing consume invitation events in its own consumer group', async () => {
    // given an invitation event on the topic
    await publish(as(KafkaPrincipals.Invitations), Topics.InvitationsEvents);
    // when licensing consumes it in its group
    const consumer = client(as(KafkaPrincipals.Licensing)).consumer({ groupId: 'licensing', maxWaitTimeInMs: 100 });
    const received: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.InvitationsEvents, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
      // then it receives what was published
      await waitFor(
        async () => received.length,
        (count) => count > 0,
        { timeoutMs: 30_000, what: 'licensing to receive invitations.events' },
      );
    } finally {
      await consumer.disconnect();
    }
    expect(received).toContain(`to ${Topics.InvitationsEvents}`);
  }, 60_000);

  it("refuses licensing a consumer group of another service's", async () => {
    // given licensing's credentials
    const consumer = client(as(KafkaPrincipals.Licensing)).consumer({ groupId: 'invitations', maxWaitTimeInMs: 100 });
    const crashes: Error[] = [];
    consumer.on(consumer.events.CRASH, ({ payload }) => void crashes.push(payload.error));
    try {
      // when it joins the invitations service's group
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.InvitationsEvents, fromBeginning: true });
      await consumer.run({ eachMessage: async () => undefined });
      // then the group coordinator refuses it
      await waitFor(
        async () => crashes.length,
        (count) => count > 0,
        { timeoutMs: 30_000, what: 'the consumer to be refused' },
      );
    } finally {
      await consumer.disconnect();
    }
    // FindCoordinator needs DESCRIBE on the group; kafkajs reports its GROUP_AUTHORIZATION_FAILED as no coordinator.
    expect(crashes[0].message).toMatch(/Failed to find group coordinator/);
  }, 60_000);

  it('lets the document projection run a rebuild in a group of its prefix, and delete that group', async () => {
    // given a connector's document on erp.documents
    await publish(as(KafkaPrincipals.Connector), Topics.ErpDocuments);
    // when the projection replays it in a rebuild group of its own
    const projection = client(as(KafkaPrincipals.DocumentProjection));
    const groupId = 'document-projection.rebuild-1';
    const consumer = projection.consumer({ groupId, maxWaitTimeInMs: 100 });
    const received: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.ErpDocuments, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
      await waitFor(
        async () => received.length,
        (count) => count > 0,
        { timeoutMs: 30_000, what: 'the rebuild group to receive erp.documents' },
      );
    } finally {
      await consumer.disconnect();
    }
    // then it may remove the group afterwards, as a rebuild does
    const admin = projection.admin();
    await admin.connect();
    try {
      await expect(admin.deleteGroups([groupId])).resolves.toEqual([expect.objectContaining({ groupId })]);
    } finally {
      await admin.disconnect();
    }
  }, 60_000);
});
