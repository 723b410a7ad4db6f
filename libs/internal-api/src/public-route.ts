import { SetMetadata } from '@nestjs/common';

/** Marks a route that needs no internal credential (health checks and metrics for orchestrators and scrapers). */
export const PUBLIC_ROUTE = 'partner-portal:public-route';
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
