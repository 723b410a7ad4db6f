import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { toFieldErrors, unstorableFields } from '@partner-portal/contracts';
import { InvalidInputException } from './problem-details.filter';

const SCALARS: unknown[] = [String, Number, Boolean, Array, Object];

/**
 * Validates every body, query and path DTO: unknown fields are refused, values are converted only where a DTO
 * says so, and every refused field comes back at once, named by its path. Before the DTOs, what no DTO catches: a
 * NUL character (PostgreSQL refuses it), a `__proto__` key (dropped silently otherwise). With `requireBody` (the
 * public edge), a route that takes a body refuses a request without one instead of reading it as `{}`.
 */
class InputValidationPipe extends ValidationPipe {
  constructor(private readonly requireBody: boolean) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new InvalidInputException(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const unstorable = unstorableFields(value, metadata.data ?? '');
      if (unstorable.length > 0) throw new InvalidInputException(unstorable);
    }
    if (
      this.requireBody &&
      metadata.type === 'body' &&
      value === undefined &&
      metadata.metatype &&
      !SCALARS.includes(metadata.metatype)
    ) {
      throw new InvalidInputException([
        { field: metadata.data ?? '(body)', reason: 'is required: a JSON object (Content-Type: application/json)' },
      ]);
    }
    return super.transform(value, metadata);
  }
}

export function inputValidationPipe(options: { requireBody?: boolean } = {}): ValidationPipe {
  return new InputValidationPipe(options.requireBody ?? false);
}
