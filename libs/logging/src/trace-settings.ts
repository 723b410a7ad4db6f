/** Where finished spans go: an OTLP collector, stdout (for a look on a development machine), or nowhere. */
export type TraceExporterKind = 'otlp' | 'console';

/** How spans reach the collector: OTLP over HTTP as protobuf (the specification's default) or as JSON. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Which traces are recorded; the `parentbased_*` ones follow the caller's decision when a request brings one. */
export type TraceSampler =
  | { kind: 'always_on' | 'always_off' | 'parentbased_always_on' | 'parentbased_always_off' }
  | { kind: 'traceidratio' | 'parentbased_traceidratio'; ratio: number };

/** What the `OTEL_*` variables ask of the tracer. */
export interface TraceSettings {
  /** No exporter: spans are not recorded, but a caller's `traceparent` still passes through to what follows. */
  exporters: TraceExporterKind[];
  protocol: OtlpProtocol;
  sampler: TraceSampler;
  /** `service.name`: `OTEL_SERVICE_NAME`, else the service's own name. */
  serviceName: string;
  batch: {
    scheduledDelayMillis: number;
    maxQueueSize: number;
    maxExportBatchSize: number;
    exportTimeoutMillis: number;
  };
}

/** A variable set to what it cannot hold: the service refuses to start, naming the variable and the reason. */
export class TraceSettingError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'TraceSettingError';
  }
}

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

type Environment = Readonly<Record<string, string | undefined>>;

const value = (env: Environment, name: string) => env[name]?.trim() || undefined;

function wholeNumber(env: Environment, name: string, fallback: number, min: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new TraceSettingError(name, `must be a whole number of at least ${min}`);
  return n;
}

function exportersOf(env: Environment): TraceExporterKind[] {
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return [];
  const listed = value(env, 'OTEL_TRACES_EXPORTER');
  // Off by default: a service traces only when told where to send, or told to print.
  if (listed === undefined) {
    return value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') || value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT')
      ? ['otlp']
      : [];
  }
  const names = [...new Set(listed.split(',').map((name) => name.trim().toLowerCase()))].filter(Boolean);
  for (const name of names) {
    if (!['otlp', 'console', 'none'].includes(name)) {
      throw new TraceSettingError('OTEL_TRACES_EXPORTER', `"${name}" is not one of otlp, console, none`);
    }
  }
  return names.includes('none') ? [] : (names as TraceExporterKind[]);
}

function protocolOf(env: Environment): OtlpProtocol {
  const variable = value(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = value(env, variable) ?? 'http/protobuf';
  if (protocol === 'http/protobuf' || protocol === 'http/json') return protocol;
  const hint = protocol === 'grpc' ? ' (gRPC is not built in: a collector takes http/protobuf on port 4318)' : '';
  throw new TraceSettingError(variable, `"${protocol}" is not one of http/protobuf, http/json${hint}`);
}

function samplerOf(env: Environment): TraceSampler {
  const kind = (value(env, 'OTEL_TRACES_SAMPLER') ?? 'parentbased_always_on').toLowerCase();
  if (!(SAMPLERS as readonly string[]).includes(kind)) {
    throw new TraceSettingError('OTEL_TRACES_SAMPLER', `"${kind}" is not one of ${SAMPLERS.join(', ')}`);
  }
  if (kind !== 'traceidratio' && kind !== 'parentbased_traceidratio') {
    return { kind: kind as Exclude<TraceSampler['kind'], 'traceidratio' | 'parentbased_traceidratio'> };
  }
  const raw = value(env, 'OTEL_TRACES_SAMPLER_ARG');
  const ratio = raw === undefined ? 1 : Number(raw);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new TraceSettingError('OTEL_TRACES_SAMPLER_ARG', 'must be a ratio from 0 to 1, such as 0.25');
  }
  return { kind, ratio };
}

/**
 * Reads the standard OpenTelemetry variables a service honours (docs/observability.md, "Traces"): which exporter
 * (`OTEL_TRACES_EXPORTER`, or `otlp` when an `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT` is set, else none), the OTLP
 * protocol, the sampler and the batch processor's `OTEL_BSP_*`. The exporter reads its endpoint, headers, timeout
 * and compression itself.
 */
export function traceSettings(serviceName: string, env: Environment = process.env): TraceSettings {
  const exporters = exportersOf(env);
  return {
    exporters,
    protocol: exporters.includes('otlp') ? protocolOf(env) : 'http/protobuf',
    sampler: samplerOf(env),
    serviceName: value(env, 'OTEL_SERVICE_NAME') ?? serviceName,
    batch: {
      scheduledDelayMillis: wholeNumber(env, 'OTEL_BSP_SCHEDULE_DELAY', 5_000, 0),
      maxQueueSize: wholeNumber(env, 'OTEL_BSP_MAX_QUEUE_SIZE', 2_048, 1),
      maxExportBatchSize: wholeNumber(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 512, 1),
      exportTimeoutMillis: wholeNumber(env, 'OTEL_BSP_EXPORT_TIMEOUT', 30_000, 1),
    },
  };
}
