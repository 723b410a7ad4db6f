import { createRequire } from 'node:module';
import { stopIdleRequestQueueTimers, type RequestQueue } from './idle-request-queue';

/** A queue as kafkajs makes one per broker connection. */
function requestQueue(): RequestQueue {
  const Queue = createRequire(__filename)('kafkajs/src/network/requestQueue/index.js') as new (
    options: object,
  ) => RequestQueue;
  const quiet = () => undefined;
  const logger = { debug: quiet, info: quiet, warn: quiet, error: quiet, namespace: () => logger };
  return new Queue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: true,
    clientId: 'probe',
    broker: 'probe:9092',
    logger,
    isConnected: () => true,
  });
}

describe("kafkajs's request queue on an idle connection", () => {
  let queue: RequestQueue;
  beforeAll(() => expect(stopIdleRequestQueueTimers()).toBe(true));
  beforeEach(() => (queue = requestQueue()));
  afterEach(() => clearTimeout(queue.throttleCheckTimeoutId ?? undefined));

  it('arms no timer when nothing waits and nothing is throttled', () => {
    queue.scheduleCheckPendingRequests();

    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still looks again later at requests that wait, and at the end of a throttle', () => {
    queue.pending.push({});
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();

    clearTimeout(queue.throttleCheckTimeoutId ?? undefined);
    const throttled = requestQueue();
    throttled.throttledUntil = Date.now() + 5_000;
    throttled.scheduleCheckPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(throttled.throttleCheckTimeoutId ?? undefined);
  });

  it('is applied once, however often the connection module loads', () => {
    expect(stopIdleRequestQueueTimers()).toBe(true);
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });
});
