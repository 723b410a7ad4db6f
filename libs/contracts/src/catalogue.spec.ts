import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { compiledCheck } from './compiled-validation';
import {
  decodeEvent,
  EventEnvelopeV1,
  EventCatalogue,
  findEventDefinition,
  parseEvent,
  Topics,
  type EventDefinition,
  type FieldError,
} from './index';

const examplesDir = join(__dirname, '..', 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, event: JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) }));

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function errorsOf(raw: unknown): FieldError[] {
  const decoded = decodeEvent(raw);
  return decoded.kind === 'invalid' ? decoded.errors : [];
}

function rulesOf(definition: EventDefinition) {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(definition.payload, '', true, false);
  const properties = [...new Set(metadata.map((m) => m.propertyName))];
  return properties.map((property) => {
    const own = metadata.filter((m) => m.propertyName === property);
    const maxLength = own.find((m) => m.name === 'maxLength')?.constraints?.[0] as number | undefined;
    return {
      property,
      optional: own.some((m) => m.name === 'isOptional' || m.name === 'validateIf'),
      enumerated: own.some((m) => m.name === 'isEnum' || m.name === 'isIn'),
      maxLength,
    };
  });
}

/** The catalogue of ARCHITECTURE.md section 3: topic -> events. */
const ARCHITECTURE_CATALOGUE: Record<string, string[]> = {
  [Topics.ErpMasterdata]: [
    'CompanyUpserted',
    'PartnerUpserted',
    'PartnerDeleted',
    'ContactUpserted',
    'ContactDeleted',
    'ItemUpserted',
    'PriceListUpserted',
    'ExtensionStatusChanged',
  ],
  [Topics.ErpDocuments]: [
    'DocumentUpserted',
    'DocumentDeleted',
    'StockLevelChanged',
    'PortalOrderAccepted',
    'PortalOrderRejected',
  ],
  [Topics.PortalOrders]: ['PortalOrderSubmitted'],
  [Topics.LicensingEvents]: [
    'LicensesPurchased',
    'LicenseReserved',
    'LicenseReservationRejected',
    'LicenseConsumed',
    'LicenseReleased',
    'ReactivationLicensed',
    'ReactivationRefused',
  ],
  [Topics.InvitationsEvents]: [
    'InvitationRequested',
    'ContactInvited',
    'InvitationEmailFailed',
    'InviteAccepted',
    'InviteExpired',
    'InviteRevoked',
  ],
  [Topics.PartnerIdentityEvents]: [
    'PortalUserActivated',
    'PortalUserRoleChanged',
    'PortalUserDeactivated',
    'PortalUserReactivationRequested',
  ],
};

describe('the event catalogue', () => {
  it('holds exactly the events of the architecture, each on its topic', () => {
    const actual = Object.fromEntries(
      Object.keys(ARCHITECTURE_CATALOGUE).map((topic) => [
        topic,
        // A type with several versions (InvitationRequested v1 and v2) counts once.
        [...new Set(EventCatalogue.filter((d) => d.topic === topic).map((d) => d.type))].sort(),
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(ARCHITECTURE_CATALOGUE).map(([t, types]) => [t, [...types].sort()]),
    );
    expect(actual).toEqual(expected);
    expect(EventCatalogue).toHaveLength(33);
  });

  it('has a checked-in example for every event version and no example without an event', () => {
    const expected = EventCatalogue.map((d) => `${d.type}.v${d.version}.json`).sort();
    expect(examples.map((e) => e.file).sort()).toEqual(expected);
  });
});

describe.each(examples.map((e) => [e.file, e.event] as const))('the example %s', (_file, example) => {
  const definition = findEventDefinition(example.type, example.version)!;
  const rules = rulesOf(definition);

  it('is a valid event of its definition', () => {
    const decoded = decodeEvent(clone(example));
    expect(decoded).toMatchObject({ kind: 'event', definition });
  });

  it('is refused without each required payload field, naming the field', () => {
    for (const rule of rules.filter((r) => !r.optional)) {
      const event = clone(example);
      delete event.payload[rule.property];
      expect(errorsOf(event).map((e) => e.field)).toContain(`payload.${rule.property}`);
    }
  });

  it('is refused when a payload field has the wrong type, naming the field', () => {
    for (const rule of rules) {
      const event = clone(example);
      const value = event.payload[rule.property];
      if (value === undefined) continue;
      event.payload[rule.property] = typeof value === 'string' ? 12345 : 'not-the-right-type';
      expect(errorsOf(event).map((e) => e.field)).toContain(`payload.${rule.property}`);
    }
  });

  it('is refused when an enumerated field has an unknown value, naming the field', () => {
    for (const rule of rules.filter((r) => r.enumerated)) {
      const event = clone(example);
      event.payload[rule.property] = 'no-such-value';
      expect(errorsOf(event)).toContainEqual({ field: `payload.${rule.property}`, reason: expect.any(String) });
    }
  });

  it('is refused when a string field is longer than its limit, naming the field and the limit', () => {
    for (const rule of rules.filter((r) => r.maxLength !== undefined)) {
      const event = clone(example);
      event.payload[rule.property] = 'x'.repeat(rule.maxLength! + 1);
      expect(errorsOf(event)).toContainEqual({
        field: `payload.${rule.property}`,
        reason: expect.stringContaining(`shorter than or equal to ${rule.maxLength} characters`),
      });
    }
  });

  it('is keyed as the catalogue says', () => {
    const key = definition.key(example);
    const partnerScoped =
      definition.topic === Topics.ErpDocuments ||
      definition.topic === Topics.PortalOrders ||
      (definition.topic === Topics.ErpMasterdata && 'partnerNo' in example.payload);
    if (partnerScoped) {
      const { environment, companyId, partnerNo } = example.payload;
      expect(key).toBe(`${example.tenantId}|${environment}|${companyId}|${partnerNo}`);
    } else if (definition.topic === Topics.ErpMasterdata) {
      expect(key).toBe(`${example.tenantId}|${example.payload.environment}|${example.payload.companyId}`);
    } else {
      expect(key).toBe(example.tenantId);
    }
  });
});

describe('the compiled fast path', () => {
  // Decorators the compiled check does not know (ValidateIf on ActorV1 and ActorV2) send these through class-validator alone.
  const slowPath = ['InvitationRequested.v1.json', 'InvitationRequested.v2.json', 'InviteRevoked.v1.json'];

  it('accepts every valid example without class-validator, but those with decorators it does not know', () => {
    const fast = examples.filter(({ event }) => {
      const definition = findEventDefinition(event.type, event.version)!;
      return compiledCheck(EventEnvelopeV1)(event) && compiledCheck(definition.payload)(event.payload);
    });
    expect(examples.filter((e) => !fast.includes(e)).map((e) => e.file)).toEqual(slowPath);
  });

  // Soundness (never accepting what class-validator refuses) is what every refusal test above checks: decodeEvent
  // tries the compiled check first.
});

describe('the envelope', () => {
  const valid = examples.find((e) => e.file === 'ContactUpserted.v1.json')!.event;

  it.each([
    ['eventId', 'not-a-uuid'],
    ['occurredAt', '2026-11-02 09:15'],
    ['tenantId', 'Contoso Ltd'],
    ['version', 0],
    ['correlationId', ''],
    ['causationId', 'not-a-uuid'],
    ['payload', 'text'],
  ])('refuses a bad %s, naming it', (field, value) => {
    const event = { ...clone(valid), [field]: value };
    expect(errorsOf(event).map((e) => e.field)).toContain(field);
  });

  it('treats a type it does not know as unknown, for consumers to skip', () => {
    expect(decodeEvent({ ...clone(valid), type: 'SomethingNew' })).toEqual({
      kind: 'unknown-type',
      type: 'SomethingNew',
      version: 1,
    });
  });

  it('refuses a known type in a version it does not know, so that the message is kept', () => {
    expect(errorsOf({ ...clone(valid), version: 7 })).toEqual([
      { field: 'version', reason: 'version 7 of ContactUpserted is not supported' },
    ]);
  });

  it('names nested fields by their path', () => {
    const document = clone(examples.find((e) => e.file === 'DocumentUpserted.v1.json')!.event);
    document.payload.lines[0].quantity = 2;
    document.payload.shipTo.countryCode = 'Netherlands';
    expect([...new Set(errorsOf(document).map((e) => e.field))].sort()).toEqual([
      'payload.lines[0].quantity',
      'payload.shipTo.countryCode',
    ]);
  });

  it('refuses a date that is not a calendar date and money that is a number', () => {
    const document = clone(examples.find((e) => e.file === 'DocumentUpserted.v1.json')!.event);
    document.payload.documentDate = '2026-02-30';
    document.payload.amount = 1298;
    expect([...new Set(errorsOf(document).map((e) => e.field))].sort()).toEqual([
      'payload.amount',
      'payload.documentDate',
    ]);
  });

  it('tolerates fields it does not know, since adding an optional field is not a breaking change', () => {
    const event = clone(valid);
    event.payload.someFutureField = 'x';
    expect(decodeEvent(event).kind).toBe('event');
  });

  it('reports a message that is not JSON', () => {
    expect(parseEvent(Buffer.from('{oops'))).toEqual({
      kind: 'invalid',
      errors: [{ field: '(message)', reason: expect.stringContaining('is not JSON') }],
    });
  });
});

describe('PortalUserDeactivated versions', () => {
  const v1 = examples.find((e) => e.file === 'PortalUserDeactivated.v1.json')!.event;
  const v2 = examples.find((e) => e.file === 'PortalUserDeactivated.v2.json')!.event;

  it('version 1 refuses reason erp, which its consumers do not know', () => {
    const event = clone(v1);
    event.payload.reason = 'erp';
    expect(errorsOf(event).map((e) => e.field)).toEqual(['payload.reason']);
  });

  it('version 2 carries only reason erp, and says what the ERP changed', () => {
    const admin = clone(v2);
    admin.payload.reason = 'admin';
    expect(errorsOf(admin).map((e) => e.field)).toEqual(['payload.reason']);
    const withoutChange = clone(v2);
    delete withoutChange.payload.erpChange;
    expect(errorsOf(withoutChange).map((e) => e.field)).toEqual(['payload.erpChange']);
  });
});
