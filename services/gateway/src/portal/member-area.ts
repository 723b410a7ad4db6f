import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader } from '@nestjs/swagger';
import { MemberGuard } from '../auth/member.guard';

/** Portal routes acting through one of the signed-in person's memberships. */
export const MemberArea = () =>
  applyDecorators(
    ApiBearerAuth('oidc'),
    ApiHeader({
      name: 'X-Portal-Membership',
      required: false,
      description: 'The membership to act through (from GET /api/portal/me); needed only when you hold several',
    }),
    UseGuards(MemberGuard),
  );
