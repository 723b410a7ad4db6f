import { ValidationPipe } from '@nestjs/common';
import { toFieldErrors } from '@partner-portal/contracts';
import { InvalidInputException } from './problem-details.filter';

/**
 * Validates every body, query and path DTO: unknown fields are refused, values are converted only where a DTO
 * says so, and every refused field comes back at once, named by its path.
 */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(toFieldErrors(errors)),
  });
}
