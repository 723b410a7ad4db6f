import { Module } from '@nestjs/common';
import { PortalOrderFeedController } from './portal-order-feed.controller';
import { PortalOrderFeedService } from './portal-order-feed.service';

/** Portal orders as a feed that HTTP-only ERP connectors read and acknowledge. */
@Module({ controllers: [PortalOrderFeedController], providers: [PortalOrderFeedService] })
export class PortalOrderFeedModule {}
