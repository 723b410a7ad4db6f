import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaPrincipals, Topics, type KafkaSecurity } from '@partner-portal/contracts';
import {
  ensureTopics,
  freePort,
  KafkaBroker,
  localDir,
  localKafkaSasl,
  upLocalInfra,
  type LocalInfra,
} from '@partner-portal/infra';
import { publishAs } from '../src';

// The broker `npm start` and `npm test` bring up, on ports and in a folder of its own: first as it ran before it
// authenticated, then as upLocalInfra runs it now.
describe('the local Kafka broker', () => {
  const homeDir = join(localDir, 'test-brokers', `local-${randomBytes(4).toString('hex')}`);
  let ports: { port: number; controllerPort: number };
  let infra: LocalInfra;
  const said: string[] = [];
  const broker = () => new KafkaBroker({ ...ports, homeDir, heapMb: 512, sasl: localKafkaSasl(homeDir) });

  const publish = (security: KafkaSecurity, topic: string) => publishAs(infra.kafkaBrokers, security, topic);

  beforeAll(async () => {
    ports = { port: await freePort(), controllerPort: await freePort() };
    // given the local broker as it ran before: open to every client, with a topic in its data
    const open = new KafkaBroker({ ...ports, homeDir, heapMb: 512 });
    await open.start();
    await ensureTopics([open.bootstrap], { specs: [{ name: 'written-before', partitions: 1 }], security: {} });
    // when the infrastructure is brought up as npm start and npm test do
    infra = await upLocalInfra((line) => said.push(line), { broker: broker() });
  }, 240_000);

  afterAll(async () => {
    const running = broker();
    await running.stop();
    running.wipe();
  }, 60_000);

  it('restarts a broker still running without authentication, keeping its old data aside', () => {
    expect(said.join('\n')).toMatch(/runs without authentication; restarting it with SASL\/SCRAM/);
    const aside = readdirSync(homeDir).filter((name) => name.startsWith('data-without-authentication-'));
    expect(aside).toHaveLength(1);
    expect(existsSync(join(homeDir, aside[0], 'written-before-0'))).toBe(true);
    // Only this checkout's user may read the passwords.
    expect(statSync(join(homeDir, 'credentials.json')).mode & 0o077).toBe(0);
  });

  it('refuses a client without credentials', async () => {
    await expect(publish({}, Topics.InvitationsEvents)).rejects.toThrow(/Closed connection/);
  });

  it("lets invitations write its own topic and refuses it partner-identity's", async () => {
    const invitations = infra.kafkaSecurityOf(KafkaPrincipals.Invitations);
    await expect(publish(invitations, Topics.InvitationsEvents)).resolves.toBeUndefined();
    await expect(publish(invitations, Topics.PartnerIdentityEvents)).rejects.toThrow(/authoriz/i);
  });

  it('lets a connector write ERP documents and refuses it invitation events', async () => {
    const connector = infra.kafkaSecurityOf(KafkaPrincipals.Connector);
    await expect(publish(connector, Topics.ErpDocuments)).resolves.toBeUndefined();
    await expect(publish(connector, Topics.InvitationsEvents)).rejects.toThrow(/authoriz/i);
  });

  it('is found running by the next start, whose users still sign in', async () => {
    const again = await upLocalInfra(undefined, { broker: broker() });
    expect(again.kafkaStartedNow).toBe(false);
    await expect(
      publish(again.kafkaSecurityOf(KafkaPrincipals.Licensing), Topics.LicensingEvents),
    ).resolves.toBeUndefined();
  });
});
