import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { REFUSAL_STATUS, Refusal } from '@partner-portal/api-contracts';
import type { FieldError } from '@partner-portal/contracts';

/** An RFC 9457 problem document. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Every refused field, named by its path, with the reason. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Thrown by application code to answer with a problem document; extra members go into the body. */
export class ProblemException extends HttpException {
  constructor(status: number, detail: string, extensions: Record<string, unknown> = {}) {
    super({ detail, ...extensions }, status);
  }
}

/** What a 400 for refused fields says: how many, and which. */
function refusedFields(errors: readonly FieldError[]): string {
  return `${errors.length} field(s) refused: ${errors.map((e) => e.field).join(', ')}`;
}

/** A 400 whose body lists the refused fields (the input validation pipe's answer). */
export class InvalidInputException extends ProblemException {
  constructor(errors: FieldError[]) {
    super(HttpStatus.BAD_REQUEST, refusedFields(errors), { errors });
  }
}

/**
 * Input that only the service can judge (it depends on who asks), refused as a domain value: 400 with code
 * `invalid_input`, the same `detail` and `errors` as the validation pipe's answer.
 */
export function invalidInput(errors: FieldError[]): Refusal {
  return new Refusal('invalid', 'invalid_input', refusedFields(errors), { errors });
}

/** Answers every error as `application/problem+json`; unexpected errors are logged and say nothing inside. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({
        message: 'request failed',
        path: request.path,
        error: (exception as Error)?.stack ?? String(exception),
      });
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    const instance = request.originalUrl;
    if (exception instanceof Refusal) {
      const status = REFUSAL_STATUS[exception.kind];
      return {
        type: 'about:blank',
        title: titleOf(status),
        status,
        instance,
        ...exception.details,
        code: exception.code,
        detail: exception.message,
      };
    }
    if (!(exception instanceof HttpException)) {
      return { type: 'about:blank', title: 'Internal Server Error', status: 500, instance };
    }
    const status = exception.getStatus();
    const body = exception.getResponse();
    const title = titleOf(status);
    if (typeof body === 'string') return { type: 'about:blank', title, status, detail: body, instance };
    const { message, error: _error, statusCode: _statusCode, ...rest } = body as Record<string, unknown>;
    const detail =
      (rest.detail as string | undefined) ?? (Array.isArray(message) ? message.join('; ') : (message as string));
    return { type: 'about:blank', title, status, instance, ...rest, detail };
  }
}

function titleOf(status: number): string {
  return (
    HttpStatus[status]
      ?.toString()
      .replace(/_/g, ' ')
      .toLowerCase()
      .replace(/^\w/, (c) => c.toUpperCase()) ?? 'Error'
  );
}
