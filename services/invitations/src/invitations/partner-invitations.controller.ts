import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import { CurrentPrincipal, RequestId, requirePartnerUser, type Principal } from '@partner-portal/internal-api';
import { ListColleagueInvitationsQuery, PartnerInviteRequest } from '@partner-portal/api-contracts';
import { InvitationsService, type Representative } from './invitations.service';

/** Path of one invitation of the representative's partner. */
export class PartnerInvitationParams {
  @IsUUID()
  invitationId!: string;
}

function representativeOf(principal: Principal): Representative {
  const user = requirePartnerUser(principal);
  return { tenantId: user.tenantId, subject: user.subject, membershipId: user.membershipId };
}

/**
 * A customer representative invites colleagues of its own partner and follows their invitations (issue 13). The
 * partner is the membership's; anyone but an active representative gets 403 `not_a_representative`.
 */
@Controller('internal/partner/invitations')
export class PartnerInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  invite(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PartnerInviteRequest,
    @RequestId() correlationId: string,
  ) {
    return this.invitations.inviteForPartner(representativeOf(principal), body, correlationId);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListColleagueInvitationsQuery) {
    return this.invitations.listForPartner(representativeOf(principal), query);
  }

  @Get(':invitationId')
  get(@CurrentPrincipal() principal: Principal, @Param() { invitationId }: PartnerInvitationParams) {
    return this.invitations.getForPartner(representativeOf(principal), invitationId);
  }
}
