import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ChangeRoleRequest,
  ContactPage,
  ListColleagueContactsQuery,
  PageQuery,
  PortalUserPage,
  PortalUserResponse,
} from '@partner-portal/api-contracts';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { MemberArea } from './member-area';

/** Customer representatives manage their own partner's portal users. */
@ApiTags('Portal: our users')
@MemberArea()
@Controller('api/portal/users')
export class PortalUsersController {
  constructor(private readonly upstream: UpstreamClient) {}

  private users(response: Response, caller: Caller, method: string, path: string, extra = {}) {
    return this.upstream.forward(
      response,
      caller,
      'partner-identity',
      method,
      `/internal/partner/portal-users${path}`,
      extra,
    );
  }

  @Get()
  @Documented("The partner's portal users (representatives only)", {
    type: PortalUserPage,
    returns: 'A page of users',
    problems: [400, 403],
  })
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    return this.users(response, caller, 'GET', '', { query });
  }

  @Get(':membershipId')
  @Documented('One portal user of the partner', {
    type: PortalUserResponse,
    returns: 'The user',
    problems: [400, 403, 404],
  })
  one(
    @CurrentCaller() caller: Caller,
    @Param('membershipId', UuidParam) membershipId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.users(response, caller, 'GET', pathOf`/${membershipId}`);
  }

  @Patch(':membershipId/role')
  @Documented("Change a colleague's role (the last representative cannot be taken away)", {
    type: PortalUserResponse,
    returns: 'The user',
    problems: [400, 403, 404, 409],
  })
  changeRole(
    @CurrentCaller() caller: Caller,
    @Param('membershipId', UuidParam) membershipId: string,
    @Body() body: ChangeRoleRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.users(response, caller, 'PATCH', pathOf`/${membershipId}/role`, { body });
  }

  @Post(':membershipId/deactivate')
  @Documented('Deactivate a colleague', {
    type: PortalUserResponse,
    returns: 'The user',
    problems: [400, 403, 404, 409],
  })
  deactivate(
    @CurrentCaller() caller: Caller,
    @Param('membershipId', UuidParam) membershipId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.users(response, caller, 'POST', pathOf`/${membershipId}/deactivate`);
  }

  @Post(':membershipId/reactivate')
  @Documented("Reactivate a colleague whom a representative deactivated (the company's deactivation: 403)", {
    type: PortalUserResponse,
    returns: 'The user',
    problems: [400, 403, 404, 409],
  })
  reactivate(
    @CurrentCaller() caller: Caller,
    @Param('membershipId', UuidParam) membershipId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.users(response, caller, 'POST', pathOf`/${membershipId}/reactivate`);
  }
}

/** Customer representatives see their own partner's ERP contacts, to invite those without access (issue 13). */
@ApiTags('Portal: our users')
@MemberArea()
@Controller('api/portal/contacts')
export class PortalContactsController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get()
  @Documented("The partner's ERP contacts with their portal standing (representatives only): search, filter, pages", {
    type: ContactPage,
    returns: 'A page of contacts: portal user, invited, deactivated or not invited',
    problems: [400, 403],
  })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListColleagueContactsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(response, caller, 'partner-identity', 'GET', '/internal/partner/contacts', { query });
  }
}
