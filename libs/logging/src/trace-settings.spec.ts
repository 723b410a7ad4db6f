import { traceSettings, TraceSettingError } from './trace-settings';

const settingOf = (env: Record<string, string>) => traceSettings('licensing', env);
const refusalOf = (env: Record<string, string>) => {
  try {
    settingOf(env);
  } catch (error) {
    if (error instanceof TraceSettingError) return { variable: error.variable, reason: error.reason };
  }
  return undefined;
};

describe('what the OTEL_* variables ask of the tracer', () => {
  it('exports nothing when nothing is set: tracing is off by default', () => {
    expect(settingOf({})).toMatchObject({ exporters: [], serviceName: 'licensing' });
  });

  it('exports over OTLP once a collector endpoint is given, as protobuf unless JSON is asked for', () => {
    expect(settingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      exporters: ['otlp'],
      protocol: 'http/protobuf',
    });
    expect(
      settingOf({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      }),
    ).toMatchObject({ exporters: ['otlp'], protocol: 'http/json' });
    expect(
      settingOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      }).protocol,
    ).toBe('http/json');
  });

  it('lets OTEL_TRACES_EXPORTER decide alone, and OTEL_SDK_DISABLED switch everything off', () => {
    expect(settingOf({ OTEL_TRACES_EXPORTER: 'console' }).exporters).toEqual(['console']);
    expect(settingOf({ OTEL_TRACES_EXPORTER: 'otlp, console' }).exporters).toEqual(['otlp', 'console']);
    expect(
      settingOf({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).exporters,
    ).toEqual([]);
    expect(settingOf({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }).exporters).toEqual([]);
  });

  it('follows the caller by default and samples by ratio when told to', () => {
    expect(settingOf({}).sampler).toEqual({ kind: 'parentbased_always_on' });
    expect(
      settingOf({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }).sampler,
    ).toEqual({
      kind: 'parentbased_traceidratio',
      ratio: 0.1,
    });
    expect(settingOf({ OTEL_TRACES_SAMPLER: 'traceidratio' }).sampler).toEqual({ kind: 'traceidratio', ratio: 1 });
  });

  it('names the service after OTEL_SERVICE_NAME when set, and reads the batch processor variables', () => {
    expect(
      settingOf({ OTEL_SERVICE_NAME: 'licensing-eu', OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_BSP_MAX_QUEUE_SIZE: '4096' }),
    ).toMatchObject({
      serviceName: 'licensing-eu',
      batch: { scheduledDelayMillis: 200, maxQueueSize: 4096, maxExportBatchSize: 512, exportTimeoutMillis: 30_000 },
    });
  });

  it('refuses what it cannot read, naming the variable and the reason', () => {
    expect(refusalOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toEqual({
      variable: 'OTEL_EXPORTER_OTLP_PROTOCOL',
      reason: expect.stringContaining('gRPC is not built in'),
    });
    expect(refusalOf({ OTEL_TRACES_EXPORTER: 'jaeger' })).toEqual({
      variable: 'OTEL_TRACES_EXPORTER',
      reason: '"jaeger" is not one of otlp, console, none',
    });
    expect(refusalOf({ OTEL_TRACES_SAMPLER: 'sometimes' })?.variable).toBe('OTEL_TRACES_SAMPLER');
    expect(refusalOf({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' })).toEqual({
      variable: 'OTEL_TRACES_SAMPLER_ARG',
      reason: 'must be a ratio from 0 to 1, such as 0.25',
    });
    expect(refusalOf({ OTEL_BSP_SCHEDULE_DELAY: 'soon' })).toEqual({
      variable: 'OTEL_BSP_SCHEDULE_DELAY',
      reason: 'must be a whole number of at least 0',
    });
  });
});
