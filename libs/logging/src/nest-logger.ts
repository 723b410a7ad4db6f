import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { processLogger } from './logger';

/** A stack trace, as Nest passes one beside an error's message. */
const STACK = /\n\s+at /;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

/**
 * Nest's `LoggerService` on pino, so that Nest's own lines (`Mapped {/path, GET} route`) and every
 * `new Logger(Context).warn(...)` of the code base share the one line shape. The logger's context becomes `context`;
 * an object message (`{ message: 'not sent', invitationId }`) becomes `msg` plus its other fields as they are; an
 * Error becomes `err`; a stack Nest passes beside an error's message becomes `stack`.
 */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger = processLogger()) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    // Nest appends the logger's context as the last parameter; a lone stack of `error(message, stack)` is no context.
    const last = rest.at(-1);
    const context = typeof last === 'string' && !STACK.test(last) ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = { context };
    const extra: unknown[] = [];
    for (const param of rest) {
      if (param === undefined) continue;
      if (typeof param === 'string' && STACK.test(param)) fields.stack = param;
      else if (param instanceof Error) fields.err = param;
      else if (isPlainObject(param)) Object.assign(fields, param);
      else extra.push(param);
    }
    if (extra.length > 0) fields.params = extra;
    let text: string;
    if (message instanceof Error) {
      fields.err = message;
      text = message.message;
    } else if (isPlainObject(message)) {
      const { message: inner, msg, ...others } = message;
      Object.assign(fields, others);
      text = String(inner ?? msg ?? '');
    } else {
      text = typeof message === 'string' ? message : JSON.stringify(message);
    }
    this.logger[level](fields, text);
  }
}
