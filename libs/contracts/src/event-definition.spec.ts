import {
  assertEventMatches,
  ContactInvited,
  createEvent,
  decodeEvent,
  EnvironmentType,
  EventContractError,
  InviteAccepted,
  PartnerType,
  PortalRole,
} from './index';

const target = {
  invitationId: '2b1d5c7e-8f4a-4b6e-9c3d-1a2b3c4d5e6f',
  environment: 'sandbox-test',
  environmentType: EnvironmentType.Sandbox,
  companyId: 'CRONUS-DE',
  partnerType: PartnerType.Vendor,
  partnerNo: 'V20000',
  contactNo: 'CT000200',
  email: 'jonas@lieferant.example',
};

describe('createEvent', () => {
  it('builds an envelope that passes its own contract', () => {
    const event = createEvent(ContactInvited, {
      tenantId: 'contoso',
      producer: 'invitations',
      correlationId: 'req-1',
      causationId: '9b2f8a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
      payload: { ...target, role: PortalRole.AuthorizedUser, expiresAt: '2026-12-06T10:00:00.000Z', resendCount: 0 },
      occurredAt: new Date('2026-11-22T10:00:00Z'),
    });
    expect(event).toMatchObject({ type: 'ContactInvited', version: 1, occurredAt: '2026-11-22T10:00:00.000Z' });
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeEvent(JSON.parse(JSON.stringify(event)))).toMatchObject({ kind: 'event', definition: ContactInvited });
    expect(() => assertEventMatches(ContactInvited, event)).not.toThrow();
  });

  it('is refused by assertEventMatches with every broken field named', () => {
    const event = createEvent(InviteAccepted, {
      tenantId: 'contoso',
      producer: 'invitations',
      correlationId: 'req-2',
      payload: {
        ...target,
        role: PortalRole.AuthorizedUser,
        identity: { issuer: 'not a url', subject: 'abc', email: 'jonas@lieferant.example' },
        acceptedAt: 'yesterday',
        emailMatched: true,
      },
    });
    expect(() => assertEventMatches(InviteAccepted, event)).toThrow(EventContractError);
    try {
      assertEventMatches(InviteAccepted, event);
    } catch (error) {
      expect((error as EventContractError).errors.map((e) => e.field)).toEqual([
        'payload.identity.issuer',
        'payload.acceptedAt',
      ]);
    }
  });

  it('is refused when the definition differs from the event type', () => {
    const event = createEvent(ContactInvited, {
      tenantId: 'contoso',
      producer: 'invitations',
      correlationId: 'req-3',
      payload: { ...target, role: PortalRole.AuthorizedUser, expiresAt: '2026-12-06T10:00:00.000Z', resendCount: 1 },
    });
    expect(() => assertEventMatches(InviteAccepted, event)).toThrow('ContactInvited v1 is not InviteAccepted v1');
  });
});
