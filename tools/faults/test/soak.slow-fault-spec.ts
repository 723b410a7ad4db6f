import { Client } from 'pg';
import type { EventEnvelope } from '@partner-portal/contracts';
import { KafkaSink, stream } from '@partner-portal/erp-simulator';
import {
  PLATFORM_SERVICES,
  startPlatform,
  waitFor,
  type RunningPlatform,
  type ServiceProcess,
} from '@partner-portal/testing';
import { contactNamed, FaultTenant } from '../src/fault-tenant';
import { recordFigures } from '../src/figures';

// Ten minutes by default, as the fault suite promises; SOAK_SECONDS shortens it where a run has less time.
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = 500;
const INVITE_EVERY_MS = 15_000;
const MiB = 1024 * 1024;
/** How long after its restart a service counts as warm (its heap at the size it keeps under this stream). */
const WARM_AFTER_RESTART_MS = 90_000;
/** The shortest soak that still watches every service warm for a minute (CI runs this one). */
const MIN_SECONDS = 220;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Fault 14: a connector streams all the while; every service is restarted in turn (SIGTERM), as a deployment rolls.
describe(`a ${SECONDS} s soak at ${RATE} events/s with a rolling restart`, () => {
  let platform: RunningPlatform;
  let projection: Client;
  const contacts = Array.from({ length: Math.ceil((SECONDS * 1_000) / INVITE_EVERY_MS) + 1 }, (_, i) =>
    contactNamed(`CT-SOAK${i}`),
  );
  const tenant = new FaultTenant('tenant-soak', contacts);

  beforeAll(async () => {
    platform = await startPlatform('soak', Object.values(tenant.who));
    await tenant.prepare(platform, contacts.length);
    projection = new Client({ connectionString: platform.databaseUrls['document-projection'] });
    await projection.connect();
  }, 180_000);
  afterAll(async () => {
    await projection?.end();
    await platform?.stop();
  });

  /** Invites one contact, retrying while its service is between two instances (the gateway answers 502/503). */
  const invite = async (contactNo: string) =>
    waitFor(
      () => tenant.call('POST', '/invitations', { body: tenant.invitationOf(contactNo) }),
      // A retry of a request that did arrive finds the invitation it made.
      (r) => r.status === 201 || (r.status === 409 && r.body?.existingInvitationId !== undefined),
      { what: `the invitation of ${contactNo}`, timeoutMs: 60_000, intervalMs: 500 },
    ).then((r) => (r.body.invitationId ?? r.body.existingInvitationId) as string);

  it(
    'loses nothing, doubles nothing, and each service’s memory stays flat',
    async () => {
      // Restarts take the first quarter, warming 90 s more: a shorter run leaves no minute to watch a warm service.
      expect(SECONDS).toBeGreaterThanOrEqual(MIN_SECONDS);
      const startedAt = Date.now();
      // The newest version of each document the connector sent, as the read model must end with it.
      const newest = new Map<string, number>();
      const remember = (events: EventEnvelope<object>[]) => {
        for (const event of events) {
          if (event.type !== 'DocumentUpserted') continue;
          const { documentType, documentNo, erpVersion } = event.payload as {
            documentType: string;
            documentNo: string;
            erpVersion: number;
          };
          const key = `${documentType}|${documentNo}`;
          newest.set(key, Math.max(newest.get(key) ?? 0, erpVersion));
        }
      };
      const sink = new KafkaSink(platform.kafkaBrokers, platform.topicPrefix);
      const streaming = stream(sink, {
        tenantId: tenant.tenantId,
        seed: 14,
        rate: RATE,
        durationSeconds: SECONDS,
        onSent: remember,
      });

      const invitationIds: string[] = [];
      const inviting = (async () => {
        for (const contactNo of contacts.slice(0, -1)) {
          invitationIds.push(await invite(contactNo.contactNo));
          await pause(INVITE_EVERY_MS);
          if (Date.now() - startedAt > SECONDS * 1_000) break;
        }
      })();

      // Every service restarted in turn in the first quarter, on its own port so the gateway finds it again.
      const restarts: string[] = [];
      for (const [i, name] of PLATFORM_SERVICES.entries()) {
        await pause(((i + 1) * 0.25 * SECONDS * 1_000) / PLATFORM_SERVICES.length - (Date.now() - startedAt));
        const old: ServiceProcess = platform.services[name];
        await old.stop();
        platform.services[name] = await platform.startInstance(name, { port: Number(new URL(old.baseUrl).port) });
        restarts.push(name);
      }
      // Warm: V8 (Node 24) grows a restarted service's heap for about a minute and a half under this stream before it
      // levels off; measured earlier, a service restarted 18 s before looked like a leak of 116 MiB that then stayed.
      await pause(Math.max(0, (SECONDS * 1_000 * 11) / 20 - (Date.now() - startedAt), WARM_AFTER_RESTART_MS));
      const warm = Object.fromEntries(
        Object.entries(platform.services).map(([name, service]) => [name, service.residentBytes()]),
      );

      // Resident memory every 30 s from then on: a leak rises with the stream, a warm heap levels off.
      const trend = new Map<string, number[]>();
      const sample = () => {
        for (const [name, service] of Object.entries(platform.services))
          trend.set(name, [...(trend.get(name) ?? []), Math.round(service.residentBytes() / MiB)]);
      };
      sample();
      const sampler = setInterval(sample, 30_000);
      const sent = await streaming.finally(() => clearInterval(sampler));
      sample();
      await sink.close();
      await inviting;
      const end = Object.fromEntries(
        Object.entries(platform.services).map(([name, service]) => [name, service.residentBytes()]),
      );

      const behind = async () => {
        const { rows } = await projection.query(
          `SELECT document_type, document_no, erp_version::int AS v FROM document WHERE tenant_id = $1`,
          [tenant.tenantId],
        );
        const held = new Map(rows.map((r) => [`${r.document_type}|${r.document_no}`, r.v as number]));
        return [...newest].filter(([key, version]) => held.get(key) !== version).length;
      };
      const missing = await waitFor(behind, (n) => n === 0, {
        what: 'every document at the newest version sent',
        timeoutMs: 180_000,
        intervalMs: 2_000,
      });
      const statuses = await tenant.statusesOf(invitationIds);
      const mails = tenant.mailsPerContact().slice(0, invitationIds.length);
      const pool = await tenant.pool();

      expect(sent.sent).toBeGreaterThan(RATE * SECONDS * 0.9);
      expect(missing).toBe(0);
      expect(restarts).toEqual([...PLATFORM_SERVICES]);
      expect(statuses).toEqual(invitationIds.map(() => 'invited'));
      expect(mails).toEqual(invitationIds.map(() => 1));
      expect(pool).toMatchObject({ reserved: invitationIds.length, consumed: 0 });
      const memory = Object.keys(end).map((name) => ({
        name,
        warmMiB: Math.round(warm[name] / MiB),
        // Once settled: the larger of the first two samples. On Node 24 a restarted document-projection sometimes
        // takes one more step within the first 30 s of watching, then holds (CI: 361, 423, 423, 432 MiB).
        settledMiB: Math.max(...(trend.get(name) ?? []).slice(0, 2)),
        endMiB: Math.round(end[name] / MiB),
        every30s: trend.get(name),
      }));
      // Flat: what a service holds at the end is within 64 MiB of what it held once settled; a leak keeps rising.
      expect(memory.filter((m) => m.endMiB - m.settledMiB > 64)).toEqual([]);

      recordFigures(`soak: ${RATE} events/s for ${SECONDS} s, every service restarted in turn (SIGTERM)`, startedAt, {
        events: sent.sent,
        faults: restarts.length,
        lost: missing,
        // The read model's keys make a doubled document impossible; what can double is an e-mail or a license.
        doubled:
          mails.reduce((sum, n) => sum + Math.max(0, n - 1), 0) + Math.max(0, pool.reserved - invitationIds.length),
        documents: newest.size,
        invitations: invitationIds.length,
        sendErrors: sent.errors,
        ...Object.fromEntries(
          Object.keys(end).flatMap((name) => [
            [`${name}RssWarmMiB`, Math.round(warm[name] / MiB)],
            [`${name}RssEndMiB`, Math.round(end[name] / MiB)],
            [`${name}RssEvery30sMiB`, (trend.get(name) ?? []).join(' ')],
          ]),
        ),
      });
    },
    (SECONDS + 600) * 1_000,
  );
});
