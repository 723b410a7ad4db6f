import type { INestApplication } from '@nestjs/common';
import { InternalApiGuard } from './internal-api.guard';
import { ProblemDetailsFilter } from './problem-details.filter';
import { inputValidationPipe } from './validation';

/**
 * Applies the internal API's conventions to an app: the internal credential on every HTTP route, validation of
 * every input DTO, and `application/problem+json` for every error.
 */
export function applyInternalApiConventions(app: INestApplication, internalApiToken: string): void {
  app.useGlobalGuards(new InternalApiGuard(internalApiToken));
  app.useGlobalPipes(inputValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.('x-powered-by');
}
