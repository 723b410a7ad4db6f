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
    ).toBe(false);
    const partners = dataSource.getRepository(Partner);
    expect(await partners.findOneByOrFail({ partnerNo: 'C1' })).toMatchObject({
      deletedAt: expect.any(Date),
      erpVersion: '4',
    });
    expect(
      await apply((m) => m.upsertPartner(partnerUpserted(place, { partnerNo: 'C1', name: 'back', erpVersion: 5 }))),
    ).toBe(true);
    expect(await partners.findOneByOrFail({ partnerNo: 'C1' })).toMatchObject({ deletedAt: null, name: 'back' });
  });

  it('records a deletion that arrives before the record itself', async () => {
    expect(
      await apply((m) => m.deleteContact(contactDeleted(place, { partnerNo: 'C2', contactNo: 'CT9', erpVersion: 7 }))),
    ).toBe(true);
    expect(
      await apply((m) => m.upsertContact(contactUpserted(place, { partnerNo: 'C2', contactNo: 'CT9', erpVersion: 6 }))),
    ).toBe(false);
    expect(await dataSource.getRepository(Contact).findOneByOrFail({ contactNo: 'CT9' })).toMatchObject({
      deletedAt: expect.any(Date),
      name: null,
    });
  });
});
