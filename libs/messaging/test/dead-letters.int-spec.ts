import { Controller, Module, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CompanyUpserted, Topics, type EventEnvelope, type EventOf } from '@partner-portal/contracts';
import { isolatedEnvironment, waitFor, type IsolatedEnvironment } from '@partner-portal/testing';
import {
  DeadLetters1764960000000,
  InboxTransport,
  MessagingModule,
  MessagingTables1763800000000,
  OutboxTraceContext1765100000000,
  OnEvent,
  OutboxMessage,
  ProcessedMessage,
  ProcessedMessageAge1764900000000,
  physicalTopic,
  type InboxContext,
} from '../src';
import { MASTERDATA_TOPICS, MessagingRig } from './harness';
import { applyTally, companyEvent, migratedDataSource } from './fixtures';

/** Companies whose events this service cannot apply yet (a missing prerequisite); removing one is "the fix". */
const notYetKnown = new Set<string>();

@Controller()
class CompanyConsumer {
  @OnEvent(CompanyUpserted)
  async onCompanyUpserted(@Payload() event: EventOf<typeof CompanyUpserted>, @Ctx() context: InboxContext) {
    if (notYetKnown.has(event.payload.companyId)) {
      throw new RangeError(`company ${event.payload.companyId} is not known yet`);
    }
    await applyTally(event, context);
  }
}

describe('dead letters of a service, listed and replayed by an operator', () => {
  let env: IsolatedEnvironment;
  let app: INestApplication;
  let baseUrl: string;
  let dataSource: DataSource;
  let rig: MessagingRig;
  /** Events the other consumer group applied, by event id. */
  const otherGroupApplied: string[] = [];

  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, body: await response.json() };
  };
  const post = async (path: string, body: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const timesApplied = async (eventId: string): Promise<number> => {
    const rows: { times: number }[] = await dataSource.query('SELECT times FROM tally WHERE event_id = $1', [eventId]);
    return rows[0]?.times ?? 0;
  };
  const topicEnd = async (topic: string): Promise<number> => {
    const admin = rig.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(physicalTopic(env.topicPrefix, topic));
      return offsets.reduce((sum, p) => sum + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    env = await isolatedEnvironment('dead-letters', MASTERDATA_TOPICS);
    // The tally table comes from the fixtures' migration; the app runs the messaging ones.
    await (await migratedDataSource(env.databaseUrl)).destroy();

    @Module({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: env.databaseUrl,
          entities: [OutboxMessage, ProcessedMessage],
          migrations: [
            MessagingTables1763800000000,
            ProcessedMessageAge1764900000000,
            DeadLetters1764960000000,
            OutboxTraceContext1765100000000,
          ],
          migrationsRun: true,
          synchronize: false,
        }),
        MessagingModule.forRoot({
          serviceName: 'dead-letters-test',
          kafka: { brokers: env.kafkaBrokers, topicPrefix: env.topicPrefix },
          inbox: { groupId: 'dead-letters-test', maxAttempts: 2, backoff: { initialDelayMs: 10, maxDelayMs: 50 } },
          relay: { enabled: false },
        }),
      ],
      controllers: [CompanyConsumer],
    })
    class TestAppModule {}

    app = await NestFactory.create(TestAppModule, { logger: ['error'] });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    app.connectMicroservice({ strategy: app.get(InboxTransport) });
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    dataSource = app.get(DataSource);

    // Another service consuming the same topic, which applies every valid event the first time.
    rig = new MessagingRig(env.kafkaBrokers, dataSource, env.topicPrefix);
    await rig.startConsumer(
      [
        {
          definition: CompanyUpserted,
          mode: 'single',
          handle: async (event: EventEnvelope<object>) => void otherGroupApplied.push(event.eventId),
        },
      ],
      { groupId: 'another-service' },
    );
  });

  afterAll(async () => {
    await rig?.stopAll();
    await app?.close();
    await env?.dispose();
  });

  it('lists a poison message and a failing one with their reasons, replays the fixed one once, and only for its group', async () => {
    // Arrange: an invalid event, an event the handler cannot apply yet, and a good one behind them (one key: one partition).
    notYetKnown.add('CRONUS');
    const producer = rig.kafka.producer();
    await producer.connect();
    const poison = { ...companyEvent(1), tenantId: 'tenant-a' } as EventEnvelope<Record<string, unknown>>;
    poison.payload = { ...poison.payload, erpVersion: -1 };
    const failing = companyEvent(2);
    const good = companyEvent(3, 'FABRIKAM');
    await producer.send({
      topic: physicalTopic(env.topicPrefix, Topics.ErpMasterdata),
      acks: -1,
      messages: [poison, failing, good].map((e) => ({ key: 'one-key', value: JSON.stringify(e) })),
    });
    await producer.disconnect();

    // The partition moved on past both, and the other group applied the failing event fine.
    await waitFor(
      () => timesApplied(good.eventId),
      (n) => n === 1,
      { what: 'the good event behind the dead letters' },
    );
    const listed = await waitFor(
      () => get('/internal/operator/dead-letters'),
      (r) => r.status === 200 && r.body.total === 2,
      { what: 'two dead letters listed' },
    );
    expect(otherGroupApplied).toContain(failing.eventId);

    // Assert the listing: reasons, origin, envelope fields; the other group's dead letter of the poison is not ours.
    const [newest, oldest] = listed.body.items;
    const byEvent = Object.fromEntries(listed.body.items.map((i: any) => [i.eventId, i]));
    expect(byEvent[poison.eventId]).toMatchObject({
      consumerGroup: 'dead-letters-test',
      topic: Topics.ErpMasterdata,
      type: 'CompanyUpserted',
      tenantId: 'tenant-a',
      reason: 'payload.erpVersion: erpVersion must not be less than 0',
      attempts: 0,
      status: 'dead',
      replayAttempts: 0,
      replayedAt: null,
    });
    expect(byEvent[failing.eventId]).toMatchObject({
      reason: 'RangeError: company CRONUS is not known yet',
      attempts: 2,
      status: 'dead',
    });
    expect(byEvent[failing.eventId].id).toMatch(/^erp\.masterdata\.dlq:\d+:\d+$/);
    expect(Number(byEvent[failing.eventId].offset)).toBe(Number(byEvent[poison.eventId].offset) + 1);
    expect(Date.parse(newest.deadLetteredAt)).toBeGreaterThanOrEqual(Date.parse(oldest.deadLetteredAt));
    expect((await get('/internal/operator/dead-letters?tenantId=tenant-b')).body).toMatchObject({ total: 0 });
    expect((await get(`/internal/operator/dead-letters?topic=${Topics.ErpDocuments}`)).body).toMatchObject({
      total: 0,
    });
    expect(await timesApplied(failing.eventId)).toBe(0);

    // Act: fix the missing prerequisite, replay both.
    notYetKnown.delete('CRONUS');
    const topicBefore = await topicEnd(Topics.ErpMasterdata);
    const otherBefore = otherGroupApplied.length;
    const ids = [byEvent[failing.eventId].id, byEvent[poison.eventId].id];
    const replayed = await post('/internal/operator/dead-letters/replay', { ids });

    // Assert: the fixed one applied once; the poison is still dead with the reason of its replay.
    expect(replayed.status).toBe(200);
    expect(replayed.body.outcomes).toEqual([
      { id: ids[0], outcome: 'replayed', reason: null },
      { id: ids[1], outcome: 'failed', reason: 'payload.erpVersion: erpVersion must not be less than 0' },
    ]);
    expect(await timesApplied(failing.eventId)).toBe(1);

    // Replaying again changes nothing.
    const again = await post('/internal/operator/dead-letters/replay', { ids: [ids[0]] });
    expect(again.body.outcomes).toEqual([{ id: ids[0], outcome: 'already_replayed', reason: null }]);
    expect(await timesApplied(failing.eventId)).toBe(1);

    const dead = await get('/internal/operator/dead-letters');
    expect(dead.body.items).toEqual([expect.objectContaining({ id: ids[1], status: 'dead', replayAttempts: 1 })]);
    const done = await get('/internal/operator/dead-letters?status=replayed');
    expect(done.body.items).toEqual([
      expect.objectContaining({ id: ids[0], status: 'replayed', replayAttempts: 1, replayedAt: expect.any(String) }),
    ]);

    // The replay did not go through the topic: nothing was written to it, the other group saw nothing again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await topicEnd(Topics.ErpMasterdata)).toBe(topicBefore);
    expect(otherGroupApplied.length).toBe(otherBefore);
    expect(otherGroupApplied.filter((id) => id === failing.eventId)).toHaveLength(1);
  });

  it('refuses a replay naming something that is not a dead-letter id', async () => {
    const refused = await post('/internal/operator/dead-letters/replay', { ids: ['erp.masterdata:0:1'] });
    expect(refused.status).toBe(400);
    const unknown = await post('/internal/operator/dead-letters/replay', { ids: [`erp.masterdata.dlq:0:999999`] });
    expect(unknown.body.outcomes).toEqual([{ id: 'erp.masterdata.dlq:0:999999', outcome: 'not_found', reason: null }]);
  });
});
