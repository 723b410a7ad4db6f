import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  BulkInviteRequest,
  BulkInviteResponse,
  InvitationPage,
  InvitationResponse,
  InvitationSettingsResponse,
  InviteRequest,
  ListInvitationsQuery,
  RevokeRequest,
  TenantSettingsRequest,
} from '@partner-portal/api-contracts';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { AdminArea } from './admin-area';

/** Inviting contacts, following their invitations, and the tenant's invitation settings. */
@ApiTags('Admin: invitations')
@AdminArea()
@Controller('api/admin/tenants/:tenantId')
export class AdminInvitationsController {
  constructor(private readonly upstream: UpstreamClient) {}

  private invitations(response: Response, caller: Caller, method: string, path: string, extra = {}) {
    const tenantPath = pathOf`/internal/tenants/${caller.principal.tenantId}`;
    return this.upstream.forward(response, caller, 'invitations', method, `${tenantPath}${path}`, extra);
  }

  /** The e-mail names the inviting administrator unless the request names someone. */
  private withInviter(caller: Caller, invite: InviteRequest): InviteRequest {
    return { ...invite, inviterName: invite.inviterName ?? caller.user.name };
  }

  @Post('invitations')
  @Documented('Invite a contact of a customer, vendor or 3PL customer', {
    type: InvitationResponse,
    status: 201,
    returns: 'The invitation, pending_license until a license is held',
    problems: [400, 404, 409, 422],
  })
  invite(@CurrentCaller() caller: Caller, @Body() body: InviteRequest, @Res({ passthrough: true }) response: Response) {
    return this.invitations(response, caller, 'POST', '/invitations', { body: this.withInviter(caller, body) });
  }

  @Post('invitations/bulk')
  @Documented('Invite up to 200 contacts at once, or check them first (`dryRun`: nothing is written or sent)', {
    type: BulkInviteResponse,
    returns:
      '`dryRun`, `licensesNeeded` (licenses the created rows newly take) and one result per contact: the invitation (`would_create` in a dry run), or why it was refused',
    problems: [400, 404],
  })
  inviteMany(
    @CurrentCaller() caller: Caller,
    @Body() body: BulkInviteRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const invitations = body.invitations.map((invite) => this.withInviter(caller, invite));
    return this.invitations(response, caller, 'POST', '/invitations/bulk', {
      body: { invitations, dryRun: body.dryRun },
    });
  }

  @Get('invitations')
  @Documented('Invitations with their status: filters, search and sort', {
    type: InvitationPage,
    returns: 'A page of invitations',
    problems: [400, 404],
  })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListInvitationsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.invitations(response, caller, 'GET', '/invitations', { query });
  }

  @Get('invitations/:invitationId')
  @Documented('One invitation', { type: InvitationResponse, returns: 'The invitation', problems: [400, 404] })
  one(
    @CurrentCaller() caller: Caller,
    @Param('invitationId', UuidParam) invitationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.invitations(response, caller, 'GET', pathOf`/invitations/${invitationId}`);
  }

  @Post('invitations/:invitationId/resend')
  @Documented('Send the invitation again with a new link and code (the old ones stop working)', {
    type: InvitationResponse,
    returns: 'The invitation',
    problems: [400, 404, 409, 429],
  })
  resend(
    @CurrentCaller() caller: Caller,
    @Param('invitationId', UuidParam) invitationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.invitations(response, caller, 'POST', pathOf`/invitations/${invitationId}/resend`);
  }

  @Post('invitations/:invitationId/revoke')
  @Documented('Revoke an open invitation (its license goes back)', {
    type: InvitationResponse,
    returns: 'The invitation',
    problems: [400, 404, 409],
  })
  revoke(
    @CurrentCaller() caller: Caller,
    @Param('invitationId', UuidParam) invitationId: string,
    @Body() body: RevokeRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.invitations(response, caller, 'POST', pathOf`/invitations/${invitationId}/revoke`, { body });
  }

  @Get('invitation-settings')
  @Documented("The tenant's invitation settings", {
    type: InvitationSettingsResponse,
    returns: 'Validity in hours, e-mail match rule, automatic invitations',
    problems: [404],
  })
  settings(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.invitations(response, caller, 'GET', '/invitation-settings');
  }

  @Put('invitation-settings')
  @Documented('Change the invitation settings', {
    type: InvitationSettingsResponse,
    returns: 'The settings',
    problems: [400, 404],
  })
  changeSettings(
    @CurrentCaller() caller: Caller,
    @Body() body: TenantSettingsRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.invitations(response, caller, 'PUT', '/invitation-settings', { body });
  }
}
