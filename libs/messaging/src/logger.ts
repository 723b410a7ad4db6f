import { processLogger } from '@partner-portal/logging';

/** The structured logger the messaging parts write to: a message plus fields such as `eventId` and `type`. */
export interface StructuredLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The process's logger (the platform's one JSON line shape, with the request or event context and redaction) with
 * `source` as the lines' `context`, e.g. `licensing.inbox`.
 */
export function jsonLogger(source: string): StructuredLogger {
  const logger = processLogger().child({ context: source });
  return {
    debug: (message, fields) => logger.debug({ ...fields }, message),
    info: (message, fields) => logger.info({ ...fields }, message),
    warn: (message, fields) => logger.warn({ ...fields }, message),
    error: (message, fields) => logger.error({ ...fields }, message),
  };
}
