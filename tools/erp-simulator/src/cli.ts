// The ERP simulator: `npm run sim -- <seed|stream|answer> [flags]` (`npm run sim -- help` lists them).
import { parseArgs } from 'node:util';
import {
  KafkaPrincipals,
  KafkaSecurityVariables,
  readKafkaSecurity,
  type KafkaSecurity,
} from '@partner-portal/contracts';
import { localKafkaSecurity } from '@partner-portal/infra';
import { answerPortalOrders, answerPortalOrdersOverHttp } from './answer';
import { DEFAULT_SEED_SIZE } from './master-data';
import { GatewaySink, KafkaSink, type EventSink } from './publishers';
import { seed } from './seed';
import { stream } from './stream';

const HELP = `ERP simulator: behaves like a Business Central connector.

  seed     master data of a tenant: production and sandbox company, customers (C10000...), vendors (V10000...),
           3PL customers (L10000...), contacts with e-mails and languages, items with units, a price list
           --tenant demo --seed 42 --customers 20 --vendors 5 --3pl 3 --contacts 2 --items 25
  stream   document life cycles at a rate for a time: orders, shipments, invoices, returns, credit memos,
           purchase orders, receipts, purchase invoices, 3PL receipts and shipments with stock movements;
           some events repeated and some out of order on purpose
           --tenant demo --rate 200 --duration 60 [--events N] --seed 42 [--run-prefix X]
  answer   answers portal orders from portal.orders: accepted (then the ERP's sales order) or rejected
           --delay-ms 800 --seed 42 [--http]

  Where events go (all commands):
    --via kafka      straight to Kafka: --brokers 127.0.0.1:9092 [--topic-prefix P]   (default)
    --via gateway    through the gateway's connector endpoint: --gateway-url http://127.0.0.1:3100
                     with the tenant's connector key in CONNECTOR_API_KEY (or --api-key)
  answer reads portal.orders from Kafka (--brokers); with --http it reads them from the gateway's feed
  (GET /api/connector/portal-orders, long-polling, then acknowledges) and answers through the gateway: no Kafka
  at all, as a Business Central extension works (needs --via gateway's connector key).
  Kafka sign-in: KAFKA_SASL_MECHANISM / KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD (and KAFKA_SSL); without them,
  the local broker of npm start is reached as its connector user.`;

const LOCAL_BROKER = `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;

/** The KAFKA_SASL_* settings, or else, towards the local broker, its connector user (that broker authenticates). */
function kafkaSecurity(brokers: string[]): KafkaSecurity {
  if (process.env[KafkaSecurityVariables.mechanism] || brokers.join(',') !== LOCAL_BROKER) return readKafkaSecurity();
  return localKafkaSecurity(KafkaPrincipals.Connector) ?? {};
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      tenant: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '42' },
      customers: { type: 'string', default: String(DEFAULT_SEED_SIZE.customers) },
      vendors: { type: 'string', default: String(DEFAULT_SEED_SIZE.vendors) },
      '3pl': { type: 'string', default: String(DEFAULT_SEED_SIZE.thirdPartyLogistics) },
      contacts: { type: 'string', default: String(DEFAULT_SEED_SIZE.contactsPerPartner) },
      items: { type: 'string', default: String(DEFAULT_SEED_SIZE.items) },
      rate: { type: 'string', default: '200' },
      duration: { type: 'string', default: '60' },
      events: { type: 'string' },
      'run-prefix': { type: 'string', default: '' },
      'delay-ms': { type: 'string', default: '800' },
      via: { type: 'string', default: 'kafka' },
      brokers: { type: 'string', default: process.env.KAFKA_BROKERS || LOCAL_BROKER },
      'topic-prefix': { type: 'string', default: process.env.KAFKA_TOPIC_PREFIX ?? '' },
      'gateway-url': { type: 'string', default: process.env.GATEWAY_URL ?? 'http://127.0.0.1:3100' },
      'api-key': { type: 'string', default: process.env.CONNECTOR_API_KEY },
      http: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  const asked = values.help || command === 'help';
  if (asked || !command || !['seed', 'stream', 'answer'].includes(command)) {
    console.log(HELP);
    process.exit(asked || !command ? 0 : 2);
  }
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number >= 0`);
    return value;
  };
  const brokers = String(values.brokers)
    .split(',')
    .map((b) => b.trim());
  const topicPrefix = String(values['topic-prefix']);
  let sink: EventSink;
  if (values.via === 'gateway') {
    if (!values['api-key']) throw new Error('--via gateway needs the connector key in CONNECTOR_API_KEY or --api-key');
    sink = new GatewaySink(String(values['gateway-url']).replace(/\/$/, ''), values['api-key']);
  } else if (values.via === 'kafka') {
    sink = new KafkaSink(brokers, topicPrefix, kafkaSecurity(brokers));
  } else {
    throw new Error('--via must be kafka or gateway');
  }
  const size = {
    customers: number('customers'),
    vendors: number('vendors'),
    thirdPartyLogistics: number('3pl'),
    contactsPerPartner: number('contacts'),
    items: Math.max(1, number('items')),
  };
  const tenantId = String(values.tenant);
  const seedNumber = number('seed');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`[${command}] tenant ${tenantId}, events to ${sink.describe}`);
  if (command === 'seed') {
    const { events } = await seed(sink, { tenantId, seed: seedNumber, size, log });
    log(`[seed] ${events} master data events sent`);
    await sink.close();
  } else if (command === 'stream') {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    const result = await stream(sink, {
      tenantId,
      seed: seedNumber,
      size,
      rate: number('rate'),
      durationSeconds: number('duration'),
      events: values.events === undefined ? undefined : number('events'),
      runPrefix: String(values['run-prefix']),
      log,
      signal: stop.signal,
    });
    log(`[stream] done: ${result.sent} events in ${result.seconds.toFixed(1)} s, ${result.errors} errors`);
    await sink.close();
  } else {
    if (values.http && values.via !== 'gateway')
      throw new Error('answer --http answers through the gateway: add --via gateway');
    const answering = values.http
      ? answerPortalOrdersOverHttp(sink, {
          gatewayUrl: String(values['gateway-url']).replace(/\/$/, ''),
          apiKey: String(values['api-key']),
          seed: seedNumber,
          size,
          delayMs: number('delay-ms'),
          log,
        })
      : await answerPortalOrders(sink, {
          brokers,
          security: kafkaSecurity(brokers),
          topicPrefix,
          seed: seedNumber,
          size,
          delayMs: number('delay-ms'),
          log,
        });
    log(`[answer] answering portal orders${values.http ? ' read over HTTP' : ''}; Ctrl-C stops`);
    const stop = async () => {
      await answering.stop();
      await sink.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  }
}

main().catch((error: Error) => {
  console.error(`erp-simulator: ${error.message}`);
  process.exit(1);
});
