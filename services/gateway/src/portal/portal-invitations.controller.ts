import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AcceptedInvitationResponse,
  AcceptInvitationRequest,
  ColleagueInvitationPage,
  ColleagueInvitationResponse,
  InvitationPreviewResponse,
  InviteColleagueRequest,
  ListColleagueInvitationsQuery,
  PreviewRequest,
} from '@partner-portal/api-contracts';
import { PrincipalResolver } from '../auth/principal-resolver';
import { Anonymous } from '../auth/route-access';
import type { SignedInUser } from '../auth/signed-in-user';
import { Documented } from '../docs/documented';
import { CurrentCaller, CurrentRequestId, SignedIn, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { TightRateLimit } from '../rate-limits';
import { ProblemException } from '@partner-portal/internal-api';
import { MemberArea } from './member-area';

/**
 * The invited contact's side: look at an invitation from its link, then accept it signed in. And a customer
 * representative's side (issue 13): invite a colleague of its own partner and follow the partner's invitations.
 */
@ApiTags('Portal: invitations')
@Controller('api/portal/invitations')
export class PortalInvitationsController {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly resolver: PrincipalResolver,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Anonymous()
  @TightRateLimit()
  @Documented('What an invitation link is for, before signing in (nothing personal)', {
    type: InvitationPreviewResponse,
    returns: 'Who invites, the company, the partner (type and name), environment, role and expiry',
    problems: [400, 404, 410],
    anonymous: true,
  })
  async preview(
    @CurrentRequestId() requestId: string,
    @Body() body: PreviewRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(response, { requestId }, 'invitations', 'POST', '/internal/invitations/preview', {
      body,
    });
  }

  @Post('accept')
  @HttpCode(200)
  @ApiBearerAuth('oidc')
  @TightRateLimit()
  @Documented('Accept an invitation signed in: with the link token or the registration code', {
    type: AcceptedInvitationResponse,
    returns: 'The accepted invitation; the portal access follows within moments (GET /api/portal/me)',
    problems: [400, 403, 404, 409, 410, 422, 423],
  })
  async accept(
    @SignedIn() caller: { user: SignedInUser; requestId: string },
    @Body() body: AcceptInvitationRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { user } = caller;
    if (!user.email) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'your sign-in carries no e-mail address that its issuer verified, which accepting needs',
        { code: 'email_not_verified' },
      );
    }
    const identity = { issuer: user.issuer, subject: user.subject, email: user.email, name: user.name };
    const answer = await this.upstream.call('invitations', 'POST', '/internal/invitations/accept', {
      body: { ...body, identity },
      requestId: caller.requestId,
    });
    this.resolver.forget(user);
    return this.upstream.relay(response, answer);
  }
  @Post()
  @MemberArea()
  @Documented(
    "Invite a contact of your own partner (customer representatives only); it takes one of the company's licenses",
    {
      type: ColleagueInvitationResponse,
      status: 201,
      returns:
        'The invitation, `pending_license` until licensing decides: then `invited` (e-mail sent), or `rejected` with `rejectionReason` `no_license_available` (ask the company administrator to add licenses)',
      problems: [400, 403, 404, 409, 422],
    },
  )
  invite(
    @CurrentCaller() caller: Caller,
    @Body() body: InviteColleagueRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    // The e-mail names the representative; the partner, company and environment are its membership's, not the body's.
    const inviterName = caller.user.name ?? caller.user.email;
    return this.upstream.forward(response, caller, 'invitations', 'POST', '/internal/partner/invitations', {
      body: { ...body, ...(inviterName ? { inviterName } : {}) },
    });
  }

  @Get()
  @MemberArea()
  @Documented("Your partner's invitations, newest first (customer representatives only)", {
    type: ColleagueInvitationPage,
    returns: 'A page of invitations with their status',
    problems: [400, 403],
  })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListColleagueInvitationsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(response, caller, 'invitations', 'GET', '/internal/partner/invitations', { query });
  }

  @Get(':invitationId')
  @MemberArea()
  @Documented(
    'One invitation of your partner, to follow it until it is sent or refused (customer representatives only)',
    {
      type: ColleagueInvitationResponse,
      returns: 'The invitation',
      problems: [400, 403, 404],
    },
  )
  one(
    @CurrentCaller() caller: Caller,
    @Param('invitationId', UuidParam) invitationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(
      response,
      caller,
      'invitations',
      'GET',
      pathOf`/internal/partner/invitations/${invitationId}`,
    );
  }
}
