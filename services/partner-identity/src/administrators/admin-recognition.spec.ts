import { tenantsAdministered, type AdminRecognitionRules } from './admin-recognition';

const rules = (mode: AdminRecognitionRules['mode']): AdminRecognitionRules => ({
  mode,
  role: 'PartnerPortal.Administrator',
  tenantClaim: 'partner_portal_tenant',
});
const adminClaims = { roles: ['PartnerPortal.Administrator', 'Other'], partner_portal_tenant: 'contoso' };

describe('tenantsAdministered', () => {
  it('recognises an administrator by the role and tenant claims', () => {
    expect(tenantsAdministered(rules('claim'), adminClaims, ['fabrikam'])).toEqual(['contoso']);
  });

  it('recognises an administrator by the tenant list only in list mode', () => {
    expect(tenantsAdministered(rules('list'), adminClaims, ['fabrikam'])).toEqual(['fabrikam']);
  });

  it('unites both in both mode', () => {
    expect(tenantsAdministered(rules('both'), adminClaims, ['fabrikam', 'contoso'])).toEqual(['contoso', 'fabrikam']);
  });

  it('ignores the tenant claim without the role, and tenant names that are not tenant ids', () => {
    expect(tenantsAdministered(rules('claim'), { roles: 'Reader', partner_portal_tenant: 'contoso' }, [])).toEqual([]);
    expect(
      tenantsAdministered(
        rules('claim'),
        { roles: 'PartnerPortal.Administrator', partner_portal_tenant: ['ok-1', 'Not OK!'] },
        [],
      ),
    ).toEqual(['ok-1']);
  });
});
