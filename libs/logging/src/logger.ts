import { basename } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentLogContext } from './log-context';
import { activeTraceIds } from './tracing';

/** The levels `LOG_LEVEL` takes, most to least severe; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of `LOG_LEVELS`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whether a value (such as `LOG_LEVEL`) names a level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return (LOG_LEVELS as readonly unknown[]).includes(value);
}

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Field names whose values are secrets wherever a line has them: at the top level and one or two levels down
 * (`headers.authorization`, `request.headers.cookie`). Credentials and the headers that carry them, OIDC tokens and
 * client secrets, the configuration's secrets under their variable and field names, and e-mail contents (an invitation
 * e-mail holds the link token and the registration code).
 */
const SECRET_FIELDS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-internal-token',
  'password',
  'passphrase',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'clientSecret',
  'client_secret',
  'codeVerifier',
  'code_verifier',
  'apiKey',
  'api_key',
  'key',
  'html',
  'text',
  'body',
  'gatewayApiToken',
  'gatewayApiTokenPrevious',
  'operatorApiToken',
  'operatorApiTokenPrevious',
  'sendgridApiKey',
  'codePepper',
  'GATEWAY_API_TOKEN',
  'GATEWAY_API_TOKEN_PREVIOUS',
  'OPERATOR_API_TOKEN',
  'OPERATOR_API_TOKEN_PREVIOUS',
  'SENDGRID_API_KEY',
  'INVITATION_CODE_PEPPER',
  'KAFKA_SASL_PASSWORD',
  'IDP_COOKIE_KEY',
];

/**
 * `code` is an invitation's registration code or an OAuth authorization code where a caller sends it, but elsewhere
 * an error's (`ECONNREFUSED`): redacted at the top level and in what a caller sent, not inside errors.
 */
const SECRET_PATHS = ['code', 'body.code', 'query.code', 'params.code', 'request.body.code', 'request.query.code'];

const property = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);

/** Where pino redacts (its paths name exact positions, so each field is listed at each depth). */
export const REDACTED_PATHS: string[] = [
  ...SECRET_FIELDS.flatMap((field) => [
    property(field).replace(/^\./, ''),
    `*${property(field)}`,
    `*.*${property(field)}`,
  ]),
  ...SECRET_PATHS,
];

/**
 * Secrets recognisable by their form, wherever they are in a line (inside a message or an error's text, where no
 * field name gives them away): connector keys, credentials after an authorization scheme, JWTs, passwords in URLs.
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\bppck_[A-Za-z0-9_-]+/g, `ppck_${REDACTED}`],
  [/\b(Bearer|ApiKey|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/(\/\/[^:/@\s"\\]+:)[^@/\s"\\]+@/g, `$1${REDACTED}@`],
];

/** A finished line with the secrets `SECRET_PATTERNS` recognises replaced. */
export function scrubSecrets(line: string): string {
  return SECRET_PATTERNS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line);
}

/** An `error` field as JSON can show it: an Error's name, message and stack (not `{}`), anything else as it is. */
function errorField(value: unknown): unknown {
  return value instanceof Error ? pino.stdSerializers.err(value) : value;
}

/** How a logger is made. */
export interface LoggerOptions {
  /** The process's name (`licensing`, `gateway`): the `service` field of every line. */
  service: string;
  /** The least severe level written; default `info`. */
  level?: LogLevel;
  /** Where lines go; default stdout, written synchronously so that nothing is lost when the process exits. */
  destination?: DestinationStream;
}

/**
 * A pino logger writing the platform's one line shape: `{"level":"info","time":"<ISO 8601>","service":"licensing",
 * ...context, ...fields, "msg":"..."}`, with the active `LogContext` (request id, correlation id, tenant, event) and
 * trace (`traceId`, `spanId`) on every line and secrets redacted (by field name, `REDACTED_PATHS`, and by form, `scrubSecrets`).
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // A copy: pino merges the line's own fields into what the mixin returns, which must not change the context.
      mixin: () => ({ ...currentLogContext(), ...activeTraceIds() }),
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      serializers: { err: pino.stdSerializers.err, error: errorField },
      hooks: { streamWrite: scrubSecrets },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

let processWide: Logger | undefined;
let nodeWarningsLogged = false;

/**
 * Makes the process-wide logger (`processLogger`) the given service's, and Node's own warnings (a deprecation, a
 * negative timeout) lines of it instead of text on stderr; a service calls it once at start, before anything logs.
 * Returns it.
 */
export function configureLogging(options: LoggerOptions): Logger {
  processWide = createLogger(options);
  if (!nodeWarningsLogged) {
    nodeWarningsLogged = true;
    // Node's listener prints the text; the process has no other listener this early.
    process.removeAllListeners('warning');
    process.on('warning', (warning) => processLogger().warn({ context: 'node', err: warning }, warning.message));
  }
  return processWide;
}

/**
 * The process-wide logger, for code that has no logger handed to it (kafkajs's, the messaging library's). Until
 * `configureLogging` runs, one named after the script, at `LOG_LEVEL` when that names a level (read here, not in a
 * configuration, because a tool may log before it has one).
 */
export function processLogger(): Logger {
  processWide ??= createLogger({
    service: basename(process.argv[1] ?? 'node').replace(/\.[cm]?[jt]s$/, ''),
    level: isLogLevel(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : 'info',
  });
  return processWide;
}
