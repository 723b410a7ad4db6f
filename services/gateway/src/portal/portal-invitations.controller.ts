import { Body, Controller, HttpCode, Post, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AcceptedInvitationResponse,
  AcceptInvitationRequest,
  InvitationPreviewResponse,
  PreviewRequest,
} from '@partner-portal/api-contracts';
import { PrincipalResolver } from '../auth/principal-resolver';
import { Anonymous } from '../auth/route-access';
import type { SignedInUser } from '../auth/signed-in-user';
import { Documented } from '../docs/documented';
import { CurrentRequestId, SignedIn } from '../observability/gateway-request';
import { UpstreamClient } from '../upstream/upstream.client';
import { TightRateLimit } from '../rate-limits';

/** The invited contact's side: look at an invitation from its link, then accept it signed in. */
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
      throw new UnprocessableEntityException('your sign-in carries no e-mail address, which accepting needs');
    }
    const identity = { issuer: user.issuer, subject: user.subject, email: user.email, name: user.name };
    const answer = await this.upstream.call('invitations', 'POST', '/internal/invitations/accept', {
      body: { ...body, identity },
      requestId: caller.requestId,
    });
    this.resolver.forget(user);
    return this.upstream.relay(response, answer);
  }
}
