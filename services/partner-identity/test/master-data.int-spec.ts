import { DlqHeaders, PartnerType, Topics, dlqTopicOf } from '@partner-portal/contracts';
import {
  companyUpserted,
  contactUpserted,
  erpPlace,
  partnerUpserted,
  readTopic,
  waitFor,
} from '@partner-portal/testing';
import { adminOf, startService, type RunningPartnerIdentity } from './partner-identity.harness';

describe('the ERP master data mirror', () => {
  let service: RunningPartnerIdentity;
  const place = erpPlace('tenant-md');
  const admin = adminOf('tenant-md');
  const partners = `/internal/tenants/tenant-md/environments/production/companies/CRONUS/partners`;

  beforeAll(async () => {
    service = await startService('master-data');
  });
  afterAll(() => service.stop());

  it('makes companies, partners and contacts published to Kafka browsable, with each contact not invited', async () => {
    await service.publisher.publish(
      companyUpserted(place, 'CRONUS International'),
      partnerUpserted(place, { partnerNo: 'C10000', name: 'Fabrikam Retail' }),
      partnerUpserted(place, { partnerNo: 'V20000', partnerType: PartnerType.Vendor, name: 'Litware Supplies' }),
      partnerUpserted(place, {
        partnerNo: 'T30000',
        partnerType: PartnerType.ThirdPartyLogisticsCustomer,
        name: 'Northwind 3PL',
      }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT0001', name: 'Anna de Vries', portalContact: true }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT0002', name: 'Bram Jansen' }),
    );

    // A company's and each partner's events have partitions of their own, applied in no order between them.
    await service.eventually(`${partners}/customer/C10000/contacts`, admin, (b) => b.total === 2, 'two contacts');
    await service.eventually(partners, admin, (b) => b.total === 3, 'three partners');
    await service.eventually('/internal/tenants/tenant-md/environments', admin, (b) => b.length === 1, 'the company');
    expect(
      (await service.request('GET', '/internal/tenants/tenant-md/environments', { principal: admin })).body,
    ).toEqual([{ environment: 'production', environmentType: 'production', companies: 1 }]);
    expect((await service.request('GET', partners, { principal: admin })).body).toMatchObject({
      total: 3,
      items: [
        { partnerType: '3pl_customer', partnerNo: 'T30000', name: 'Northwind 3PL' },
        { partnerType: 'customer', partnerNo: 'C10000', name: 'Fabrikam Retail', contacts: 2, portalUsers: 0 },
        { partnerType: 'vendor', partnerNo: 'V20000' },
      ],
    });
    const contacts = await service.request('GET', `${partners}/customer/C10000/contacts`, { principal: admin });
    expect(contacts.body.items).toEqual([
      expect.objectContaining({
        contactNo: 'CT0001',
        name: 'Anna de Vries',
        portalContact: true,
        portalStatus: 'not_invited',
      }),
      expect.objectContaining({ contactNo: 'CT0002', name: 'Bram Jansen', portalStatus: 'not_invited' }),
    ]);
  });

  it('filters partners by type, searches by number or name, and pages', async () => {
    const byType = await service.request('GET', `${partners}?type=vendor`, { principal: admin });
    expect(byType.body.items.map((p: { partnerNo: string }) => p.partnerNo)).toEqual(['V20000']);
    const byNumber = await service.request('GET', `${partners}?search=c10`, { principal: admin });
    expect(byNumber.body.items.map((p: { partnerNo: string }) => p.partnerNo)).toEqual(['C10000']);
    const byName = await service.request('GET', `${partners}?search=WARE`, { principal: admin });
    expect(byName.body.items.map((p: { partnerNo: string }) => p.partnerNo)).toEqual(['V20000']);
    const page2 = await service.request('GET', `${partners}?page=2&pageSize=2`, { principal: admin });
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: 3, items: [{ partnerNo: 'V20000' }] });
  });

  it('changes nothing on redelivery, on an older version, or on the same version again', async () => {
    const current = partnerUpserted(place, { partnerNo: 'C40000', name: 'Version five', erpVersion: 5 });
    await service.publisher.publish(current);
    await service.eventually(`${partners}?search=C40000`, admin, (b) => b.items[0]?.name === 'Version five');

    await service.publisher.publish(
      current,
      partnerUpserted(place, { partnerNo: 'C40000', name: 'Version three, late', erpVersion: 3 }),
      partnerUpserted(place, { partnerNo: 'C40000', name: 'Version five again', erpVersion: 5 }),
      // A marker behind them on the same key: once it shows, the three before it were processed.
      contactUpserted(place, { partnerNo: 'C40000', contactNo: 'MARKER' }),
    );
    await service.eventually(`${partners}/customer/C40000/contacts`, admin, (b) => b.total === 1, 'the marker');
    const after = await service.request('GET', `${partners}?search=C40000`, { principal: admin });
    expect(after.body.items).toEqual([expect.objectContaining({ partnerNo: 'C40000', name: 'Version five' })]);

    await service.publisher.publish(
      partnerUpserted(place, { partnerNo: 'C40000', name: 'Version six', erpVersion: 6 }),
    );
    await service.eventually(`${partners}?search=C40000`, admin, (b) => b.items[0]?.name === 'Version six');
  });

  it('sends a payload that breaks the contract to the dead-letter topic and goes on', async () => {
    const broken = partnerUpserted(place, { partnerNo: 'C50000' });
    const payload = { ...broken.payload, address: { city: 'Nowhere' }, currencyCode: 'euro' };
    await service.publisher.publishRaw(
      Topics.ErpMasterdata,
      'tenant-md|production|CRONUS|C50000',
      JSON.stringify({ ...broken, payload }),
    );
    await service.publisher.publish(partnerUpserted(place, { partnerNo: 'C60000', name: 'After the bad one' }));

    await service.eventually(`${partners}?search=C60000`, admin, (b) => b.total === 1);
    const [dead] = await readTopic(
      service.env.kafkaBrokers,
      `${service.env.topicPrefix}${dlqTopicOf(Topics.ErpMasterdata)}`,
      {
        count: 1,
      },
    );
    expect(JSON.parse(dead.value!).eventId).toBe(broken.eventId);
    expect(dead.headers[DlqHeaders.Error]).toContain('payload.address.line1');
    expect(dead.headers[DlqHeaders.Error]).toContain('payload.currencyCode');
    expect(dead.headers[DlqHeaders.ConsumerGroup]).toBe('partner-identity');
    expect((await service.request('GET', `${partners}?search=C50000`, { principal: admin })).body.total).toBe(0);
  });

  it('dead-letters a NUL character at once, without retries: PostgreSQL could never store it', async () => {
    const broken = partnerUpserted(place, { partnerNo: 'C70000', name: 'Nul\u0000Retail' });
    await service.publisher.publishRaw(
      Topics.ErpMasterdata,
      'tenant-md|production|CRONUS|C70000',
      JSON.stringify(broken),
    );
    await service.publisher.publish(partnerUpserted(place, { partnerNo: 'C80000', name: 'After the NUL' }));

    await service.eventually(`${partners}?search=C80000`, admin, (b) => b.total === 1);
    const dead = await waitFor(
      () =>
        readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${dlqTopicOf(Topics.ErpMasterdata)}`, {
          count: 2,
          timeoutMs: 2_000,
        }),
      (messages) => messages.some((m) => JSON.parse(m.value!).eventId === broken.eventId),
      { what: 'the NUL event dead-lettered' },
    );
    const nul = dead.find((m) => JSON.parse(m.value!).eventId === broken.eventId)!;
    expect(nul.headers[DlqHeaders.Error]).toContain('payload.name: must not contain the NUL character');
    expect(nul.headers[DlqHeaders.Attempts]).toBe('0');
    expect((await service.request('GET', `${partners}?search=C70000`, { principal: admin })).body.total).toBe(0);
  });

  it("answers another tenant's administrator 404, and a call without the internal credential 401, as problem+json", async () => {
    const foreign = await service.request('GET', partners, { principal: adminOf('tenant-other') });
    expect(foreign).toMatchObject({ status: 404, contentType: expect.stringContaining('application/problem+json') });
    const anonymous = await service.request('GET', partners, { principal: admin, token: null });
    expect(anonymous).toMatchObject({ status: 401, contentType: expect.stringContaining('application/problem+json') });
    const wrongToken = await service.request('GET', partners, { principal: admin, token: 'not-the-token-at-all' });
    expect(wrongToken.status).toBe(401);
  });

  it('refuses bad query parameters naming each field', async () => {
    const response = await service.request('GET', `${partners}?type=supplier&pageSize=1000&colour=red`, {
      principal: admin,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'pageSize', 'type']);
  });
});
