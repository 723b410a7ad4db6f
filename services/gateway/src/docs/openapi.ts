import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import type { GatewayConfig } from '../config/gateway.config';
import { documentedResponseTypes } from './documented';
import { describeDto } from './dto-schemas';
import { connectorEventSchemas } from './event-schemas.openapi';

const count = (description: string) => ({ type: 'integer', description });

/**
 * RFC 9457 problem document, as every error answers, with the extension members clients rely on. Open: a problem
 * may carry members not listed here.
 */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  additionalProperties: true,
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: '1 field(s) refused: quantity' },
    instance: { type: 'string', example: '/api/admin/tenants/demo/cart/lines' },
    code: {
      type: 'string',
      description: [
        'Stable machine code of a refusal, for clients to tell refusals apart (the `detail` is for people).',
        'Invitations: company_not_found, partner_not_found, partner_blocked, partner_not_portal_enabled,',
        'contact_not_found, contact_without_email, already_portal_user, invitation_open, not_open, not_sent_yet,',
        'resend_limit; accepting: unknown_link, expired, revoked, already_accepted, rejected, replaced, locked,',
        'email_mismatch, wrong_code. Licenses: cart_empty, cart_over_maximum, cancellation_below_usage, idempotency_key_reused.',
        'Portal users: membership_inactive, erp_record_deleted, last_representative, not_a_representative.',
        'Orders: order_invalid, upload_invalid, order_defaults_missing (the contact record lacks what an order needs: `errors` names each field).',
      ].join(' '),
      example: 'contact_without_email',
    },
    errors: {
      type: 'array',
      description: 'Each refused field, named by its path, with the reason',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: { field: { type: 'string', example: 'quantity' }, reason: { type: 'string' } },
      },
    },
    attemptsLeft: count('`wrong_code`: registration codes that may still be tried before the invitation locks'),
    existingInvitationId: {
      type: 'string',
      format: 'uuid',
      description: "`invitation_open`: the contact's open invitation",
    },
    membershipId: { type: 'string', format: 'uuid', description: "`already_portal_user`: the contact's membership" },
    maximum: count('`cart_over_maximum`: the most licenses one checkout buys'),
    requested: count('`cancellation_below_usage`: the licenses asked to cancel'),
    purchased: count('`cancellation_below_usage`: licenses purchased'),
    reserved: count('`cancellation_below_usage`: licenses held for open invitations'),
    consumed: count('`cancellation_below_usage`: licenses used by portal users'),
    rejected: {
      type: 'array',
      description: 'Connector batches: each refused event (nothing of the batch was published)',
      items: {
        type: 'object',
        required: ['index', 'reason'],
        properties: {
          index: { type: 'integer', description: 'Position in `events`, from 0' },
          eventId: { type: 'string' },
          type: { type: 'string' },
          reason: { type: 'string' },
        },
      },
    },
    rowErrors: {
      type: 'array',
      description: '`upload_invalid`: each problem of the uploaded file, by row (the header is row 1)',
      items: {
        type: 'object',
        required: ['row', 'field', 'reason'],
        properties: { row: { type: 'integer' }, field: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
};

/**
 * Every class a controller method takes as @Body, @Query or @Param DTO, and every response class a route names, so
 * that each is described first.
 */
function describeControllerDtos(app: INestApplication): void {
  for (const type of documentedResponseTypes()) describeDto(type);
  const controllers = app.get(DiscoveryService).getControllers();
  for (const wrapper of controllers) {
    const type = wrapper.metatype as (new () => object) | undefined;
    if (!type) continue;
    for (const name of Object.getOwnPropertyNames(type.prototype)) {
      const handler = type.prototype[name];
      if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const paramTypes: unknown[] = Reflect.getMetadata('design:paramtypes', type.prototype, name) ?? [];
      const args: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {};
      for (const { index } of Object.values(args)) {
        const param = paramTypes[index];
        if (typeof param === 'function' && ![String, Number, Boolean, Object, Array].includes(param as never)) {
          describeDto(param as new () => object);
        }
      }
    }
  }
}

/** The OpenAPI document of every route of the gateway, with sign-in by the OIDC provider and connector keys. */
export function createOpenApiDocument(
  app: INestApplication,
  config: GatewayConfig,
  endpoints: { authorizationUrl?: string; tokenUrl?: string },
): OpenAPIObject {
  describeControllerDtos(app);
  const builder = new DocumentBuilder()
    .setTitle('Partner Portal API')
    .setDescription(
      [
        "The one door of the partner portal. `/api/admin`: a tenant's administrators (Collaborate & Exchange).",
        '`/api/portal`: invited contacts and portal users, in their own words. `/api/connector`: ERP connectors.',
        'Errors are `application/problem+json`; refused input names each field. Every answer carries `x-request-id`.',
      ].join(' '),
    )
    .setVersion('1')
    .addSecurity('connector-key', {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: '`ApiKey <key>`: a connector key of the tenant (created under /api/admin/.../connector-keys)',
    });
  if (endpoints.authorizationUrl && endpoints.tokenUrl) {
    builder.addOAuth2(
      {
        type: 'oauth2',
        description: `Sign in at ${config.oidcIssuer} (authorization code with PKCE); tokens for ${config.oidcAudience}`,
        flows: {
          authorizationCode: {
            authorizationUrl: endpoints.authorizationUrl,
            tokenUrl: endpoints.tokenUrl,
            scopes: { openid: 'Sign in', email: 'Your e-mail address', profile: 'Your name' },
          },
        },
      },
      'oidc',
    );
  } else {
    builder.addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'oidc');
  }
  const document = SwaggerModule.createDocument(app, builder.build());
  const schemas: Record<string, SchemaObject> = { ...document.components?.schemas, Problem: PROBLEM_SCHEMA };
  // The events a connector posts are described by their contract classes, beside the DTOs: one name, one schema.
  for (const [name, schema] of Object.entries(connectorEventSchemas())) {
    if (name in schemas) throw new Error(`the OpenAPI document names two schemas ${name}`);
    schemas[name] = schema;
  }
  document.components = { ...document.components, schemas };
  return document;
}

/** Serves the document at /api/docs-json and Swagger UI at /api/docs, signing in with PKCE. */
export function serveApiDocs(app: INestApplication, config: GatewayConfig, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: {
      persistAuthorization: false,
      initOAuth: {
        clientId: config.oidcClientId,
        usePkceWithAuthorizationCodeGrant: true,
        scopes: ['openid', 'email', 'profile'],
      },
    },
  });
}
