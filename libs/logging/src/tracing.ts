import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { envDetector, detectResources, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import { traceSettings, type TraceSampler, type TraceSettings } from './trace-settings';

export { SpanKind, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';

/** The process's tracing, once `startTracing` ran. */
export interface Tracing {
  /** Whether spans are recorded and exported (else a caller's trace context only passes through). */
  readonly recording: boolean;
  readonly settings: TraceSettings;
  /** Exports every finished span now (at shutdown, after the last one). */
  flush(): Promise<void>;
}

let started: Tracing | undefined;

function samplerOf(setting: TraceSampler): Sampler {
  switch (setting.kind) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(setting.ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(setting.ratio) });
  }
}

function exporterOf(kind: TraceSettings['exporters'][number], settings: TraceSettings): SpanExporter {
  if (kind === 'console') return new ConsoleSpanExporter();
  // The exporters read OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS, _TIMEOUT and _COMPRESSION themselves.
  return settings.protocol === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
}

/**
 * Sets the process up for OpenTelemetry from the `OTEL_*` variables (`traceSettings`), once: W3C Trace Context
 * (`traceparent`, `tracestate`) is read and written always, so a caller's trace continues through the platform even
 * where nothing is exported; spans are recorded and exported only when an exporter is configured. Throws
 * `TraceSettingError` for a variable it cannot read.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  if (started) return started;
  const settings = traceSettings(serviceName, env);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (settings.exporters.length === 0) {
    started = { recording: false, settings, flush: async () => undefined };
    return started;
  }
  const provider = new TracerProvider({
    resource: detectResources({ detectors: [envDetector] }).merge(
      resourceFromAttributes({ 'service.name': settings.serviceName }),
    ),
    sampler: samplerOf(settings.sampler),
    spanProcessors: settings.exporters.map(
      (kind) => new BatchSpanProcessor({ exporter: exporterOf(kind, settings), ...settings.batch }),
    ),
  });
  trace.setGlobalTracerProvider(provider);
  started = { recording: true, settings, flush: () => provider.forceFlush() };
  return started;
}

/** The process's tracing, if started. */
export function currentTracing(): Tracing | undefined {
  return started;
}

const tracer = () => trace.getTracer('partner-portal');

/** Header carriers as Node's HTTP and kafkajs give them: values as strings, buffers, or lists of them. */
type Carrier = Readonly<Record<string, string | Buffer | ReadonlyArray<string | Buffer> | undefined>>;

const carrierGetter: TextMapGetter<Carrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const found = carrier[key] ?? carrier[key.toLowerCase()];
    if (found === undefined) return undefined;
    return Array.isArray(found) ? found.map(String) : String(found);
  },
};

/** The trace context `headers` carry (`traceparent`, `tracestate`), on top of `base`; `base` when they carry none. */
export function contextFromHeaders(headers: Carrier | undefined, base: Context = ROOT_CONTEXT): Context {
  return headers ? propagation.extract(base, headers, carrierGetter) : base;
}

/** The headers that carry `ctx`'s trace on (`traceparent`, and `tracestate` when set); none outside a trace. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (trace.getSpanContext(ctx)) propagation.inject(ctx, carrier);
  return carrier;
}

/** The ids of the trace the code runs in, for log lines; none outside a trace. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getSpanContext(context.active());
  return span && trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : undefined;
}

/** How `inSpan` starts its span. */
export interface SpanOptions {
  kind: SpanKind;
  attributes?: Attributes;
  /** The parent; default the active context. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `work` in a new span (a child of `options.parent`, else of the active span), active for all `work` does, and
 * ends it when `work` settles: a throw is recorded on the span as an error and thrown on.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Starts a span that the caller ends (one that outlives the call, such as an HTTP request's). */
export function startSpan(name: string, options: SpanOptions): { span: Span; context: Context } {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Marks a span failed with what went wrong. */
export function failSpan(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
}

/** The span of the work in hand, if any. */
export function activeSpan(): Span | undefined {
  return trace.getActiveSpan();
}

/** Runs `work` with `ctx` as the active trace context. */
export function withTraceContext<T>(ctx: Context, work: () => T): T {
  return context.with(ctx, work);
}

/** The link to the span `headers` carry, if any (a batch links each message's trace). */
export function linkFromHeaders(headers: Carrier | undefined): Link | undefined {
  const spanContext = trace.getSpanContext(contextFromHeaders(headers));
  return spanContext && trace.isSpanContextValid(spanContext) ? { context: spanContext } : undefined;
}

const EVENT_TRACES = createContextKey('partner-portal.event-traces');

/**
 * Runs `work` (a handler of a batch of events that came from several traces) knowing each event's own trace context,
 * so that what an event causes (`causationId`) continues that event's trace rather than the batch's.
 */
export function withEventTraces<T>(byEventId: ReadonlyMap<string, Context>, work: () => T): T {
  return context.with(context.active().setValue(EVENT_TRACES, byEventId), work);
}

/** The trace context the event `eventId` came with, when the active batch (`withEventTraces`) holds it. */
export function eventTrace(eventId: string | undefined): Context | undefined {
  if (!eventId) return undefined;
  return (context.active().getValue(EVENT_TRACES) as ReadonlyMap<string, Context> | undefined)?.get(eventId);
}
