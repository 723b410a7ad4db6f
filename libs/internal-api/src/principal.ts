import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { IsIn, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { IsTenantId, validatePlain } from '@partner-portal/contracts';

/** Header in which the gateway passes the verified principal: base64url-encoded JSON. */
export const PRINCIPAL_HEADER = 'x-portal-principal';

/** Header in which the gateway passes the tenant of a verified connector key, on the few routes connectors read. */
export const CONNECTOR_TENANT_HEADER = 'x-portal-connector-tenant';

/** Who is calling, as the gateway verified it. The service still checks tenant and partner scope itself. */
export class Principal {
  /** `admin`: a tenant administrator; `partner`: a portal user acting through one membership. */
  @IsIn(['admin', 'partner'])
  kind!: 'admin' | 'partner';

  @IsTenantId()
  tenantId!: string;

  @IsString()
  @MaxLength(500)
  issuer!: string;

  @IsString()
  @MaxLength(255)
  subject!: string;

  /** The membership a partner user picked for this request. */
  @ValidateIf((p: Principal) => p.kind === 'partner')
  @IsUUID()
  membershipId?: string;
}

/** Encodes a principal for the header (the gateway's side, and tests). */
export function encodePrincipal(principal: Principal): string {
  return Buffer.from(JSON.stringify(principal)).toString('base64url');
}

/** Reads and validates the principal header of a request; 401 when it is missing or malformed. */
export function readPrincipal(request: Request): Principal {
  const header = request.header(PRINCIPAL_HEADER);
  if (!header) throw new UnauthorizedException(`the ${PRINCIPAL_HEADER} header is required`);
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    throw new UnauthorizedException(`the ${PRINCIPAL_HEADER} header is not base64url JSON`);
  }
  const { value, errors } = validatePlain(Principal, raw);
  if (!value) {
    throw new UnauthorizedException(
      `the ${PRINCIPAL_HEADER} header is invalid: ${errors.map((e) => `${e.field}: ${e.reason}`).join('; ')}`,
    );
  }
  return value;
}

/** The verified principal of the request; 401 when the header is missing or malformed. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal =>
  readPrincipal(context.switchToHttp().getRequest<Request>()),
);

/** Correlation id of the request: `x-request-id` from the gateway, else a fresh one. */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<Request & { requestId?: string }>();
  return request.header('x-request-id') ?? (request.requestId ??= crypto.randomUUID());
});
