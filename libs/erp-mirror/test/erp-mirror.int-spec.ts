import { DataSource } from 'typeorm';
import {
  companyUpserted,
  contactDeleted,
  contactUpserted,
  createTestDatabase,
  dropTestDatabase,
  erpPlace,
  partnerDeleted,
  partnerUpserted,
} from '@partner-portal/testing';
import { Company, Contact, ErpMirror, ErpMirrorTables1763850000000, Partner } from '../src';

describe('the ERP mirror', () => {
  let database: { name: string; url: string };
  let dataSource: DataSource;
  const place = erpPlace('tenant-mirror');
  const apply = <T>(write: (mirror: ErpMirror) => Promise<T>) => dataSource.transaction((m) => write(new ErpMirror(m)));

  beforeAll(async () => {
    database = await createTestDatabase('erp-mirror');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      entities: [Company, Partner, Contact],
      migrations: [ErpMirrorTables1763850000000],
      synchronize: false,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropTestDatabase(database.name);
  });

  it('applies a newer version and ignores an older or equal one', async () => {
    expect(await apply((m) => m.upsertCompany(companyUpserted(place, 'CRONUS v2', 2)))).toBe(true);
    expect(await apply((m) => m.upsertCompany(companyUpserted(place, 'CRONUS v1', 1)))).toBe(false);
    expect(await apply((m) => m.upsertCompany(companyUpserted(place, 'CRONUS v2 again', 2)))).toBe(false);
    expect(await dataSource.getRepository(Company).findOneByOrFail({ tenantId: 'tenant-mirror' })).toMatchObject({
      name: 'CRONUS v2',
      erpVersion: '2',
    });
  });

  it('keeps a deletion as a tombstone that a late, older upsert cannot undo, and a newer one can', async () => {
    await apply((m) => m.upsertPartner(partnerUpserted(place, { partnerNo: 'C1', erpVersion: 3 })));
    expect(await apply((m) => m.deletePartner(partnerDeleted(place, 'C1', 4)))).toBe(true);
    expect(
      await apply((m) => m.upsertPartner(partnerUpserted(place, { partnerNo: 'C1', name: 'late', erpVersion: 3 }))),
    ).toBeNull();
    const partners = dataSource.getRepository(Partner);
    expect(await partners.findOneByOrFail({ partnerNo: 'C1' })).toMatchObject({
      deletedAt: expect.any(Date),
      erpVersion: '4',
    });
    expect(
      await apply((m) => m.upsertPartner(partnerUpserted(place, { partnerNo: 'C1', name: 'back', erpVersion: 5 }))),
    ).toEqual({});
    expect(await partners.findOneByOrFail({ partnerNo: 'C1' })).toMatchObject({ deletedAt: null, name: 'back' });
  });

  it('records a deletion that arrives before the record itself', async () => {
    expect(
      await apply((m) => m.deleteContact(contactDeleted(place, { partnerNo: 'C2', contactNo: 'CT9', erpVersion: 7 }))),
    ).toBe(true);
    expect(
      await apply((m) => m.upsertContact(contactUpserted(place, { partnerNo: 'C2', contactNo: 'CT9', erpVersion: 6 }))),
    ).toBeNull();
    expect(await dataSource.getRepository(Contact).findOneByOrFail({ contactNo: 'CT9' })).toMatchObject({
      deletedAt: expect.any(Date),
      name: null,
    });
  });

  it('says when the ERP closes the portal: only a partner or contact that was open, and only once', async () => {
    const partner = (erpVersion: number, flags: { blocked?: boolean; portalEnabled?: boolean } = {}) =>
      apply((m) => m.upsertPartner(partnerUpserted(place, { partnerNo: 'C3', erpVersion, ...flags })));
    expect(await partner(1)).toEqual({});
    expect(await partner(2, { blocked: true })).toEqual({ accessEnded: 'partner_blocked' });
    expect(await partner(3, { blocked: true, portalEnabled: false })).toEqual({});
    expect(await partner(4)).toEqual({});
    expect(await partner(5, { portalEnabled: false })).toEqual({ accessEnded: 'partner_portal_disabled' });

    const contact = (erpVersion: number, portalContact: boolean) =>
      apply((m) =>
        m.upsertContact(contactUpserted(place, { partnerNo: 'C3', contactNo: 'CT1', erpVersion, portalContact })),
      );
    // Never marked (an administrator may invite such a contact): un-marking it again ends nothing.
    expect(await contact(1, false)).toEqual({});
    expect(await contact(2, false)).toEqual({});
    expect(await contact(3, true)).toEqual({});
    expect(await contact(4, false)).toEqual({ accessEnded: 'contact_unmarked' });
    expect(await contact(5, false)).toEqual({});
  });
});
