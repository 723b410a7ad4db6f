import { SetMetadata } from '@nestjs/common';

/** How a route is entered. */
export const ROUTE_ACCESS = 'gateway:route-access';

/** Open to anyone: health, metrics, API docs, the invitation preview before sign-in. */
export const Anonymous = () => SetMetadata(ROUTE_ACCESS, 'anonymous');

/** Entered with a tenant's connector key instead of a person's token. */
export const ConnectorKeyRoute = () => SetMetadata(ROUTE_ACCESS, 'connector-key');
