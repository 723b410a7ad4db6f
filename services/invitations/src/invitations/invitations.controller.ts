import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import {
  CurrentAdministrator,
  RequestId,
  TenantAdministratorGuard,
  TenantParams,
  type AdministratorPrincipal,
} from '@partner-portal/internal-api';
import {
  BulkInviteRequest,
  InviteRequest,
  ListInvitationsQuery,
  RevokeRequest,
  type BulkInviteResponse,
} from '@partner-portal/api-contracts';
import { InvitationsService, type Requester } from './invitations.service';

/** Path of one invitation. */
export class InvitationParams extends TenantParams {
  @IsUUID()
  invitationId!: string;
}

/** The administrator the guard admitted, as who asks for an invitation (with the name its e-mail shows). */
function requesterOf(admin: AdministratorPrincipal, name?: string): Requester {
  return { kind: 'admin', subject: admin.subject, name };
}

/** Administrators invite contacts and follow, resend and revoke invitations; the guard admits only them. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  invite(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() { tenantId }: TenantParams,
    @Body() body: InviteRequest,
    @RequestId() correlationId: string,
  ) {
    return this.invitations.create(tenantId, body, requesterOf(admin, body.inviterName), correlationId);
  }

  /**
   * 200 with `{dryRun, licensesNeeded, results}`: one result per contact, in request order: `created` with the
   * invitation (`would_create` in a dry run, which writes nothing), or `refused` with why.
   */
  @Post('bulk')
  @HttpCode(200)
  inviteMany(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() { tenantId }: TenantParams,
    @Body() body: BulkInviteRequest,
    @RequestId() correlationId: string,
  ): Promise<BulkInviteResponse> {
    const requester = requesterOf(admin, body.invitations[0]?.inviterName);
    return this.invitations.inviteMany(tenantId, body.invitations, requester, correlationId, body.dryRun ?? false);
  }

  @Get()
  list(@Param() { tenantId }: TenantParams, @Query() query: ListInvitationsQuery) {
    return this.invitations.list(tenantId, query);
  }

  @Get(':invitationId')
  get(@Param() { tenantId, invitationId }: InvitationParams) {
    return this.invitations.get(tenantId, invitationId);
  }

  @Post(':invitationId/resend')
  @HttpCode(200)
  resend(@Param() { tenantId, invitationId }: InvitationParams) {
    return this.invitations.resend(tenantId, invitationId);
  }

  @Post(':invitationId/revoke')
  @HttpCode(200)
  revoke(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() { tenantId, invitationId }: InvitationParams,
    @Body() body: RevokeRequest,
    @RequestId() correlationId: string,
  ) {
    return this.invitations.revoke(
      tenantId,
      invitationId,
      { kind: 'admin', subject: admin.subject },
      correlationId,
      body.reason,
    );
  }
}
