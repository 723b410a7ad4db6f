import { sqlGauge } from '@partner-portal/messaging';

/** Each tenant's licenses, read at each scrape: used is reserved + consumed; available is what invitations can take. */
export const LicensesByState = sqlGauge(
  {
    name: 'portal_licenses',
    help: 'Licenses by tenant: state=purchased, reserved (invitation open), consumed (portal user), available',
    labelNames: ['tenant', 'state'],
  },
  `SELECT p.tenant_id AS tenant, s.state, s.value
     FROM license_pool p,
          LATERAL (VALUES ('purchased', p.purchased), ('reserved', p.reserved), ('consumed', p.consumed),
                          ('available', p.purchased - p.reserved - p.consumed)) AS s(state, value)`,
);
