import type { INestApplication } from '@nestjs/common';
import { Topics } from '@partner-portal/contracts';
import {
  adminOf,
  erpPlace,
  extensionStatusChanged,
  readTopic,
  startServiceUnderTest,
  testServiceEnv,
  type ErpPlace,
  type ServiceUnderTest,
  waitFor,
} from '@partner-portal/testing';
import { startLicensing } from '../src/app.setup';
import { loadLicensingConfig } from '../src/config/licensing.config';

/** licensing on its own database and topics. */
export type RunningLicensing = ServiceUnderTest;

export function startService(label: string, env: NodeJS.ProcessEnv = {}): Promise<RunningLicensing> {
  return startServiceUnderTest(`lic-${label}`, (testEnv) =>
    startLicensing(loadLicensingConfig({ ...testEnv, ...env })),
  );
}

/** A second instance of the same service: same database, topics and consumer group. */
export function startSecondInstance(service: RunningLicensing): Promise<INestApplication> {
  return startLicensing(loadLicensingConfig(testServiceEnv(service.env)));
}

/**
 * The ERP extension installed in the tenant's production company (or the given places), and known to licensing
 * before anything else happens: erp.masterdata and invitations.events are separate topics, with no order between.
 */
export async function installExtension(
  service: RunningLicensing,
  tenantId: string,
  places: ErpPlace[] = [erpPlace(tenantId)],
): Promise<void> {
  await service.publisher.publish(...places.map((place) => extensionStatusChanged(place)));
  await waitFor(
    () => service.request('GET', `/internal/tenants/${tenantId}/overview`, { principal: adminOf(tenantId) }),
    (r) =>
      places.every((place) =>
        r.body.module?.extensions?.some(
          (e: { environment: string; companyId: string; installed: boolean }) =>
            e.environment === place.environment && e.companyId === place.companyId && e.installed,
        ),
      ),
    { what: `the extension installed for ${tenantId}` },
  );
}

/** Buys `quantity` licenses through cart and checkout. */
export async function buyLicenses(
  service: RunningLicensing,
  tenantId: string,
  quantity: number,
  key = `buy-${quantity}-${Date.now()}`,
) {
  const admin = adminOf(tenantId);
  await service.request('POST', `/internal/tenants/${tenantId}/cart/lines`, { principal: admin, body: { quantity } });
  return service.request('POST', `/internal/tenants/${tenantId}/checkout`, {
    principal: admin,
    headers: { 'idempotency-key': key },
  });
}

/** The licensing events published so far (read from the beginning of the topic). */
export async function licensingEvents(service: RunningLicensing, count: number, timeoutMs = 10_000): Promise<any[]> {
  const messages = await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.LicensingEvents}`, {
    count,
    timeoutMs,
  });
  return messages.map((m) => JSON.parse(m.value!));
}
