import type { INestApplication } from '@nestjs/common';
import { InternalApiGuard, type InternalApiCredentials } from './internal-api.guard';
import { ProblemDetailsFilter } from './problem-details.filter';
import { inputValidationPipe } from './validation';

/**
 * Applies the internal API's conventions to an app: its caller's credential (the gateway's or an operator's) on every
 * HTTP route, validation of every input DTO, and `application/problem+json` for every error.
 */
export function applyInternalApiConventions(app: INestApplication, credentials: InternalApiCredentials): void {
  app.useGlobalGuards(new InternalApiGuard(credentials));
  app.useGlobalPipes(inputValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.('x-powered-by');
}
