import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal, requirePartnerUser, type Principal } from '@partner-portal/internal-api';
import { ListColleagueContactsQuery } from '@partner-portal/api-contracts';
import { PortalUsersService } from '../portal-users/portal-users.service';
import { BrowseService } from './browse.service';

/**
 * A customer representative browses its own partner's ERP contacts with their portal standing, to invite the ones
 * without access (issue 13: my colleagues). The partner is the representative's, never a parameter; anyone else
 * gets 403 `not_a_representative`, as on the portal user routes.
 */
@Controller('internal/partner/contacts')
export class PartnerContactsController {
  constructor(
    private readonly browse: BrowseService,
    private readonly portalUsers: PortalUsersService,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListColleagueContactsQuery) {
    const user = requirePartnerUser(principal);
    const partner = await this.portalUsers.representedPartner({
      kind: 'partner',
      tenantId: user.tenantId,
      subject: user.subject,
      membershipId: user.membershipId,
    });
    return this.browse.contacts(partner, query);
  }
}
