import {
  CompanyUpserted,
  ContactUpserted,
  createEvent,
  ExtensionStatusChanged,
  ItemUpserted,
  PartnerType,
  PartnerUpserted,
  PriceListUpserted,
  type EventEnvelope,
} from '@partner-portal/contracts';
import { DEMO_PEOPLE } from './demo-people';
import { partnerNumber, type ErpCompany, type SimulatedItem, type SimulatedPartner } from './erp-tenant';
import { Random } from './random';

/** How much master data to make. */
export interface SeedSize {
  customers: number;
  vendors: number;
  thirdPartyLogistics: number;
  contactsPerPartner: number;
  items: number;
}

export const DEFAULT_SEED_SIZE: SeedSize = {
  customers: 20,
  vendors: 5,
  thirdPartyLogistics: 3,
  contactsPerPartner: 2,
  items: 25,
};

/** What the simulated ERP holds: partners with contacts, items with prices. */
export interface ErpModel {
  partners: SimulatedPartner[];
  items: SimulatedItem[];
}

const NAMES: Record<PartnerType, string[]> = {
  [PartnerType.Customer]: [
    'Fabrikam Retail',
    'Adatum Corporation',
    'Trey Research',
    'Alpine Ski House',
    'Relecloud',
    'Coho Winery',
    'Litware Inc.',
    'Wide World Importers',
    'Tailspin Toys',
    'Woodgrove Bank',
  ],
  [PartnerType.Vendor]: ['Contoso Supplies', 'Fourth Coffee', 'Proseware', 'Lucerne Publishing', 'Southridge Video'],
  [PartnerType.ThirdPartyLogisticsCustomer]: ['Northwind Logistics', 'Blue Yonder Freight', 'Consolidated Messenger'],
};
const FIRST = [
  'Anna',
  'Bram',
  'Carla',
  'Daan',
  'Eva',
  'Finn',
  'Greta',
  'Hugo',
  'Iris',
  'Jonas',
  'Katja',
  'Lars',
  'Mila',
];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Müller', 'Schmidt', 'Smith', 'Peeters', 'Meyer', 'Brown'];
const LANGUAGES = ['nl', 'de', 'en'];
const COUNTRY_OF: Record<string, string> = { nl: 'NL', de: 'DE', en: 'GB' };
const FURNITURE: Array<[string, string]> = [
  ['1896-S', 'ATHENS Desk'],
  ['1900-S', 'PARIS Guest Chair, black'],
  ['1906-S', 'ATHENS Mobile Pedestal'],
  ['1908-S', 'LONDON Swivel Chair, blue'],
  ['1920-S', 'ANTWERP Conference Table'],
  ['1928-S', 'AMSTERDAM Lamp'],
  ['1936-S', 'BERLIN Guest Chair, yellow'],
  ['1960-S', 'ROME Guest Chair, green'],
  ['1964-S', 'TOKYO Guest Chair, blue'],
  ['1968-S', 'MEXICO Swivel Chair, black'],
  ['1972-S', 'MUNICH Swivel Chair, yellow'],
  ['1980-S', 'MOSCOW Swivel Chair, red'],
  ['1988-S', 'SEOUL Guest Chair, red'],
  ['1996-S', 'ATLANTA Whiteboard, base'],
  ['2000-S', 'SYDNEY Swivel Chair, green'],
];

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The ERP's partners and items for a seed: the same seed and sizes always give the same model. */
export function buildModel(seed: number, size: SeedSize = DEFAULT_SEED_SIZE): ErpModel {
  const random = new Random(seed);
  let contactSeq = DEMO_PEOPLE.filter((p) => p.contact).length;
  const partners: SimulatedPartner[] = [];
  const counts: Array<[PartnerType, number]> = [
    [PartnerType.Customer, size.customers],
    [PartnerType.Vendor, size.vendors],
    [PartnerType.ThirdPartyLogisticsCustomer, size.thirdPartyLogistics],
  ];
  for (const [type, count] of counts) {
    for (let i = 0; i < count; i += 1) {
      const names = NAMES[type];
      const name = i < names.length ? names[i] : `${names[i % names.length]} ${Math.floor(i / names.length) + 1}`;
      const languageCode = i === 0 ? 'en' : random.pick(LANGUAGES);
      const partnerNo = partnerNumber(type, i);
      const domain = `${slug(name)}.example`;
      const contacts = DEMO_PEOPLE.flatMap((p) =>
        p.contact?.partnerNo === partnerNo
          ? [{ contactNo: p.contact.contactNo, name: p.name, email: p.email, languageCode: p.contact.languageCode }]
          : [],
      );
      for (let c = 0; c < size.contactsPerPartner; c += 1) {
        contactSeq += 1;
        const first = random.pick(FIRST);
        const last = random.pick(LAST);
        contacts.push({
          contactNo: `CT${String(contactSeq).padStart(6, '0')}`,
          name: `${first} ${last}`,
          email: `${slug(first)}.${slug(last)}.${contactSeq}@${domain}`,
          languageCode: random.chance(0.8) ? languageCode : random.pick(LANGUAGES),
        });
      }
      partners.push({
        partnerType: type,
        partnerNo,
        name,
        languageCode,
        countryCode: COUNTRY_OF[languageCode],
        contacts,
      });
    }
  }
  const items: SimulatedItem[] = Array.from({ length: size.items }, (_, i) => {
    const [itemNo, description] = FURNITURE[i] ?? [
      `${2000 + (i - FURNITURE.length + 1) * 4}-S`,
      `Office item ${i + 1}`,
    ];
    const units = [{ unitCode: 'PCS', qtyPerBaseUnit: 1 }];
    if (random.chance(0.5)) units.push({ unitCode: 'BOX', qtyPerBaseUnit: 10 });
    return { itemNo, description, units, unitPrice: random.int(20, 900) + random.pick([0, 0.5, 0.95]) };
  });
  return { partners, items };
}

const money = (value: number) => value.toFixed(2);

/**
 * Every master data event of a company: extension status, company, partners, contacts, items, price list. Event
 * ids and ERP versions come from the seed, so seeding twice changes nothing (consumers skip known events).
 */
export function masterDataEvents(company: ErpCompany, model: ErpModel, seed: number): EventEnvelope<object>[] {
  const random = new Random(seed ^ hash(`${company.environment}|${company.companyId}`));
  const scope = {
    environment: company.environment,
    environmentType: company.environmentType,
    companyId: company.companyId,
    erpVersion: 1,
  };
  const envelope = { tenantId: company.tenantId, producer: 'erp-simulator', correlationId: `seed-${seed}` };
  const event = <P extends object>(definition: Parameters<typeof createEvent<P>>[0], payload: object) =>
    createEvent(definition, { ...envelope, eventId: random.uuid(), payload: { ...scope, ...payload } as never });
  const events: EventEnvelope<object>[] = [
    event(ExtensionStatusChanged, { installed: true, extensionVersion: '25.0.1' }),
    event(CompanyUpserted, { name: company.companyName }),
  ];
  for (const partner of model.partners) {
    events.push(
      event(PartnerUpserted, {
        partnerType: partner.partnerType,
        partnerNo: partner.partnerNo,
        name: partner.name,
        address: {
          line1: `${partner.name} Street 1`,
          city: 'Amsterdam',
          postalCode: '1011 AA',
          countryCode: partner.countryCode,
        },
        currencyCode: 'EUR',
        ...(partner.partnerType === PartnerType.Customer ? { priceListCode: 'RETAIL' } : {}),
        languageCode: partner.languageCode,
        shipToCountryCode: partner.countryCode,
        portalEnabled: true,
        blocked: false,
      }),
    );
    for (const contact of partner.contacts) {
      events.push(
        event(ContactUpserted, {
          partnerType: partner.partnerType,
          partnerNo: partner.partnerNo,
          contactNo: contact.contactNo,
          name: contact.name,
          email: contact.email,
          languageCode: contact.languageCode,
          portalContact: false,
        }),
      );
    }
  }
  for (const item of model.items) {
    events.push(
      event(ItemUpserted, {
        itemNo: item.itemNo,
        description: item.description,
        baseUnitCode: 'PCS',
        units: item.units.map((u) => ({ unitCode: u.unitCode, qtyPerBaseUnit: String(u.qtyPerBaseUnit) })),
        blocked: false,
      }),
    );
  }
  events.push(
    event(PriceListUpserted, {
      priceListCode: 'RETAIL',
      currencyCode: 'EUR',
      lines: model.items.flatMap((item) =>
        item.units.map((u) => ({
          itemNo: item.itemNo,
          unitCode: u.unitCode,
          unitPrice: money(item.unitPrice * u.qtyPerBaseUnit * (u.unitCode === 'BOX' ? 0.9 : 1)),
        })),
      ),
    }),
  );
  return events;
}

/** A small stable hash of a string (to vary the seed per company). */
export function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
