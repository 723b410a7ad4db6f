import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CompanyUpserted,
  ContactDeleted,
  DlqHeaders,
  ItemUpserted,
  PartnerType,
  Topics,
  createEvent,
  dlqTopicOf,
  EnvironmentType,
  type EventOf,
} from '@partner-portal/contracts';
import { isolatedEnvironment, readTopic, waitFor, type IsolatedEnvironment } from '@partner-portal/testing';
import {
  DeadLetters1764960000000,
  InboxTransport,
  MessagingModule,
  MessagingTables1763800000000,
  OutboxTraceContext1765100000000,
  OnEvent,
  OnEventBatch,
  Outbox,
  OutboxMessage,
  ProcessedMessage,
  physicalTopic,
  type InboxContext,
} from '../src';
import { applyTally, companyEvent, migratedDataSource, tallyCounts } from './fixtures';

const batchSizes: number[] = [];

@Controller()
class CompanyConsumer {
  @OnEvent(CompanyUpserted)
  async onCompanyUpserted(@Payload() event: EventOf<typeof CompanyUpserted>, @Ctx() context: InboxContext) {
    await applyTally(event, context);
  }

  @OnEvent(ContactDeleted)
  async onContactDeleted(@Payload() event: EventOf<typeof ContactDeleted>) {
    throw new RangeError(`contact ${event.payload.contactNo} cannot be deleted`);
  }

  @OnEventBatch(ItemUpserted)
  async onItemsUpserted(@Payload() events: EventOf<typeof ItemUpserted>[], @Ctx() { manager }: InboxContext) {
    batchSizes.push(events.length);
    await manager.query(
      `INSERT INTO tally (event_id, message_key, sequence) SELECT unnest($1::uuid[]), 'items', unnest($2::int[])`,
      [events.map((e) => e.eventId), events.map((e) => e.payload.erpVersion)],
    );
  }
}

@Injectable()
class CompanyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** A use case as a service writes it: the change and its event in one transaction. */
  async upsert(sequence: number): Promise<void> {
    await this.dataSource.transaction((manager) => this.outbox.append(manager, [companyEvent(sequence)]));
  }
}

function itemEvent(sequence: number) {
  return createEvent(ItemUpserted, {
    tenantId: 'tenant-a',
    producer: 'test',
    correlationId: `item-${sequence}`,
    payload: {
      environment: 'production',
      environmentType: EnvironmentType.Production,
      companyId: 'CRONUS',
      erpVersion: sequence,
      itemNo: `ITEM-${sequence}`,
      description: 'Desk',
      baseUnitCode: 'PCS',
      units: [{ unitCode: 'PCS', qtyPerBaseUnit: '1' }],
      blocked: false,
    },
  });
}

describe('MessagingModule in a Nest application', () => {
  let env: IsolatedEnvironment;

  beforeAll(async () => {
    env = await isolatedEnvironment('nest-messaging');
    // The tally table comes from the fixtures' migration; the app itself only runs the messaging one.
    await (await migratedDataSource(env.databaseUrl)).destroy();
  });

  afterAll(() => env.dispose());

  async function startApp(): Promise<INestApplication> {
    @Module({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: env.databaseUrl,
          entities: [OutboxMessage, ProcessedMessage],
          migrations: [MessagingTables1763800000000, DeadLetters1764960000000, OutboxTraceContext1765100000000],
          migrationsRun: true,
          synchronize: false,
        }),
        MessagingModule.forRoot({
          serviceName: 'nest-messaging-test',
          kafka: { brokers: env.kafkaBrokers, topicPrefix: env.topicPrefix },
          inbox: { groupId: 'nest-messaging-test', maxAttempts: 2, backoff: { initialDelayMs: 10, maxDelayMs: 50 } },
          relay: { pollIntervalMs: 200, listeningPollIntervalMs: 200 },
        }),
      ],
      controllers: [CompanyConsumer],
      providers: [CompanyService],
    })
    class TestAppModule {}

    const app = await NestFactory.create(TestAppModule, { logger: ['error'] });
    app.connectMicroservice({ strategy: app.get(InboxTransport) });
    await app.startAllMicroservices();
    await app.init();
    return app;
  }

  it('publishes through the outbox and feeds @OnEvent handlers once, also across a restart', async () => {
    const first = await startApp();
    const dataSource = first.get(DataSource);
    for (let i = 1; i <= 5; i += 1) await first.get(CompanyService).upsert(i);
    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 5,
      { what: 'five events through Nest' },
    );
    await first.close();

    const second = await startApp();
    await second.get(CompanyService).upsert(6);
    const secondDataSource = second.get(DataSource);
    await waitFor(
      () => tallyCounts(secondDataSource),
      (c) => c.events === 6,
      { what: 'the sixth event' },
    );
    const inbox = second.get(InboxTransport).inbox!;
    // Offsets were committed at shutdown: the restarted member did not receive the first five again.
    expect(inbox.stats).toMatchObject({ processed: 1, duplicates: 0 });
    expect(await tallyCounts(secondDataSource)).toEqual({ events: 6, repeated: 0 });
    await second.close();
  });

  it('hands a batch handler the consecutive events of its type in one call', async () => {
    const app = await startApp();
    const dataSource = app.get(DataSource);
    const outbox = app.get(Outbox);
    await dataSource.transaction((m) =>
      outbox.append(
        m,
        Array.from({ length: 300 }, (_, i) => itemEvent(i)),
      ),
    );
    await waitFor(
      async () => (await dataSource.query(`SELECT count(*)::int AS n FROM tally WHERE message_key = 'items'`))[0].n,
      (n) => n === 300,
      { what: '300 items' },
    );
    await app.close();
    expect(batchSizes.reduce((a, b) => a + b, 0)).toBe(300);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
  });

  it("dead-letters with the handler's own error, not a generic one", async () => {
    const app = await startApp();
    const dataSource = app.get(DataSource);
    const event = createEvent(ContactDeleted, {
      tenantId: 'tenant-a',
      producer: 'test',
      correlationId: 'contact-delete',
      payload: {
        environment: 'production',
        environmentType: EnvironmentType.Production,
        companyId: 'CRONUS',
        erpVersion: 3,
        partnerType: PartnerType.Customer,
        partnerNo: 'C10000',
        contactNo: 'CT000124',
      },
    });
    await dataSource.transaction((m) => app.get(Outbox).append(m, [event]));
    const [dead] = await readTopic(env.kafkaBrokers, physicalTopic(env.topicPrefix, dlqTopicOf(Topics.ErpMasterdata)), {
      count: 1,
    });
    await app.close();
    expect(dead.headers).toMatchObject({
      [DlqHeaders.Error]: 'RangeError: contact CT000124 cannot be deleted',
      [DlqHeaders.Attempts]: '2',
    });
  });
});
