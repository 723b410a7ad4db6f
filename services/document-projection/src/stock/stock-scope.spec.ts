import { PartnerType, PortalRole } from '@partner-portal/contracts';
import { viewerOf, type MembershipFacts } from '../documents/visibility';
import { stockConditions, StockRefusal } from './stock-scope';

const membership = (partnerType: PartnerType, role = PortalRole.AuthorizedUser): MembershipFacts => ({
  membershipId: '6f1c3b5e-0a4b-4d8e-9c2a-1b3d5f7a9c0e',
  tenantId: 'contoso',
  environment: 'production',
  companyId: 'CRONUS',
  partnerType,
  partnerNo: partnerType === PartnerType.ThirdPartyLogisticsCustomer ? 'L10000' : 'C10000',
  contactNo: 'CT-1',
  role,
  active: true,
});
const partnerUser = (partnerType: PartnerType, role?: PortalRole) =>
  viewerOf({ kind: 'partner', tenantId: 'contoso', membershipId: 'x' }, membership(partnerType, role));
const administrator = viewerOf({ kind: 'admin', tenantId: 'contoso' }, undefined);

describe('stockConditions', () => {
  it("keeps a 3PL customer's user to its own partner, whatever partner the filter names", () => {
    // given an authorized user of 3PL customer L10000
    const viewer = partnerUser(PartnerType.ThirdPartyLogisticsCustomer);
    // when it asks for another partner's stock by lot
    const conditions = stockConditions(viewer, { partnerNo: 'L20000', environment: 'sandbox', lotNo: 'LOT-7' });
    // then it gets its own partner's, narrowed by the lot
    expect(conditions).toEqual([
      ['tenant_id', 'contoso'],
      ['environment', 'production'],
      ['company_id', 'CRONUS'],
      ['partner_no', 'L10000'],
      ['lot_no', 'LOT-7'],
    ]);
  });

  it.each([PartnerType.Customer, PartnerType.Vendor])(
    'refuses stock to a %s, saying stock is for 3PL customers',
    (type) => {
      expect(() => stockConditions(partnerUser(type, PortalRole.CustomerRepresentative), {})).toThrow(StockRefusal);
      expect(() => stockConditions(partnerUser(type), {})).toThrow(
        expect.objectContaining({ kind: 'forbidden', code: 'not_a_3pl_customer' }),
      );
    },
  );

  it("narrows an administrator's view to the environment, company and 3PL customer it names", () => {
    expect(
      stockConditions(administrator, {
        environment: 'production',
        companyId: 'CRONUS',
        partnerNo: 'L10000',
        itemNo: 'DESK',
        locationCode: 'MAIN',
        binCode: 'A-01',
        licensePlate: 'LP-1',
      }),
    ).toEqual([
      ['tenant_id', 'contoso'],
      ['environment', 'production'],
      ['company_id', 'CRONUS'],
      ['partner_no', 'L10000'],
      ['item_no', 'DESK'],
      ['location_code', 'MAIN'],
      ['bin_code', 'A-01'],
      ['license_plate', 'LP-1'],
    ]);
  });

  it('shows an administrator the whole tenant when nothing is named', () => {
    expect(stockConditions(administrator, {})).toEqual([['tenant_id', 'contoso']]);
  });

  it('shows nobody nothing', () => {
    expect(stockConditions({ kind: 'nobody' }, {})).toBeUndefined();
  });
});
