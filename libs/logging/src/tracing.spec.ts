import { createLogger } from './logger';
import {
  activeTraceIds,
  contextFromHeaders,
  inSpan,
  SpanKind,
  startTracing,
  traceHeaders,
  withTraceContext,
} from './tracing';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

// Exporting nothing, as every process does by default: a caller's trace context still passes through.
describe('trace context without export', () => {
  beforeAll(() => {
    expect(startTracing('probe', {}).recording).toBe(false);
  });

  it('reads a trace from HTTP headers or Kafka headers (buffers) and writes it on unchanged', () => {
    for (const headers of [
      { traceparent: TRACEPARENT },
      { traceparent: Buffer.from(TRACEPARENT), eventId: Buffer.from('e') },
    ]) {
      expect(traceHeaders(contextFromHeaders(headers))).toEqual({ traceparent: TRACEPARENT });
    }
  });

  it('writes nothing outside a trace, and ignores a malformed traceparent', () => {
    expect(traceHeaders()).toEqual({});
    expect(traceHeaders(contextFromHeaders({ traceparent: '00-not-a-trace-01' }))).toEqual({});
    expect(traceHeaders(contextFromHeaders({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }))).toEqual({});
  });

  it("keeps the caller's trace through the work in hand, its spans and the log lines written in it", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      service: 'probe',
      destination: { write: (line: string) => lines.push(JSON.parse(line)) },
    });

    await withTraceContext(contextFromHeaders({ traceparent: TRACEPARENT }), () =>
      inSpan('process probe.events', { kind: SpanKind.CONSUMER }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        logger.info('applied');
        expect(traceHeaders()).toEqual({ traceparent: TRACEPARENT });
      }),
    );
    logger.info('idle');

    expect(lines.map(({ msg, traceId, spanId }) => ({ msg, traceId, spanId }))).toEqual([
      { msg: 'applied', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' },
      { msg: 'idle', traceId: undefined, spanId: undefined },
    ]);
    expect(activeTraceIds()).toBeUndefined();
  });

  it('throws on what the work threw, after ending its span', async () => {
    await expect(
      inSpan('failing', { kind: SpanKind.INTERNAL }, async () => Promise.reject(new Error('no'))),
    ).rejects.toThrow('no');
  });
});
