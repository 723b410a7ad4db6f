import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { HealthModule } from '@partner-portal/internal-api';
import { KafkaReadiness, MESSAGING_OPTIONS, type MessagingOptions } from '@partner-portal/messaging';
import { AdminModule } from './admin/admin.module';
import { AdministratorGuard } from './auth/administrator.guard';
import { AuthenticationGuard } from './auth/authentication.guard';
import { MemberGuard } from './auth/member.guard';
import { OidcTokenVerifier } from './auth/oidc-token-verifier';
import { PrincipalResolver } from './auth/principal-resolver';
import { GatewayConfig } from './config/gateway.config';
import { DeclaredQueryGuard } from './input/declared-query.guard';
import { ConnectorModule } from './connector/connector.module';
import { IssuerReadiness } from './observability/gateway-health';
import { PortalModule } from './portal/portal.module';
import { RateLimitGuard, rateLimits } from './rate-limits';
import { UpstreamClient } from './upstream/upstream.client';
import { WebAppModule } from './web-app/web-app.module';

/** What every feature module of the gateway uses: configuration, the services' client, sign-in and authorization. */
@Module({})
class GatewayCoreModule {
  static register(config: GatewayConfig): DynamicModule {
    const messaging: MessagingOptions = {
      serviceName: 'gateway',
      kafka: { brokers: config.kafkaBrokers, topicPrefix: config.topicPrefix },
    };
    const shared = [
      { provide: GatewayConfig, useValue: config },
      { provide: MESSAGING_OPTIONS, useValue: messaging },
      UpstreamClient,
      OidcTokenVerifier,
      PrincipalResolver,
      AdministratorGuard,
      MemberGuard,
      KafkaReadiness,
      IssuerReadiness,
    ];
    return { module: GatewayCoreModule, global: true, providers: shared, exports: shared };
  }
}

/** The gateway, configured. Guards run in this order: sign-in, then rate limits (per identity), then the route's own. */
@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayCoreModule.register(config),
        DiscoveryModule,
        ThrottlerModule.forRoot(rateLimits(config)),
        HealthModule.withChecks(KafkaReadiness, IssuerReadiness),
        AdminModule,
        PortalModule,
        ConnectorModule,
        WebAppModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        // After sign-in and the rate limit: a stranger learns nothing of a route's parameters.
        { provide: APP_GUARD, useClass: DeclaredQueryGuard },
      ],
    };
  }
}
