import type { StructuredLogger } from '../logger';
import { backoffDelay } from '../retry';
import { KafkaLink, LINK_BACKOFF } from './kafka-link';

function recordingLogger() {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const at =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void =>
      void lines.push({ level, message, fields });
  const logger: StructuredLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

/** An attempt that fails `failures` times (broker away), then succeeds. */
function brokerBackAfter(failures: number) {
  const calls: number[] = [];
  return {
    calls,
    attempt: async () => {
      calls.push(Date.now());
      if (calls.length <= failures) throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
    },
  };
}

const waitUntil = async (condition: () => boolean, timeoutMs = 2_000) => {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the backoff of a Kafka link', () => {
  it('doubles from half a second and stays at 10 s however long the broker is away', () => {
    const delays = (random: number) =>
      [1, 2, 3, 5, 6, 50].map((attempt) => backoffDelay(attempt, LINK_BACKOFF, () => random));
    // Without jitter (random 0.5 is the middle of the +-20% band): 0.5 s, 1 s, 2 s, 8 s, then the 10 s cap.
    expect(delays(0.5)).toEqual([500, 1_000, 2_000, 8_000, 10_000, 10_000]);
    // The jitter spreads each delay over +-20%, the cap included, so that instances do not retry in step.
    expect(delays(0)).toEqual([400, 800, 1_600, 6_400, 8_000, 8_000]);
    expect(delays(0.999_999)).toEqual([600, 1_200, 2_400, 9_600, 12_000, 12_000]);
  });
});

describe('a Kafka link', () => {
  const fast = { initialDelayMs: 10, maxDelayMs: 40 };

  it('tries again with growing, capped delays until the broker answers, logging the outage once and the recovery once', async () => {
    const broker = brokerBackAfter(5);
    const { logger, lines } = recordingLogger();
    const link = new KafkaLink('consumer group licensing', broker.attempt, logger, fast);

    link.connect();
    expect(link.current.state).toBe('connecting');
    await waitUntil(() => link.isUp);

    expect(broker.calls).toHaveLength(6);
    const gaps = broker.calls.slice(1).map((at, i) => at - broker.calls[i]);
    // 10, 20, 40, 40, 40 ms with +-20% jitter (and a timer's few ms of lateness).
    expect(gaps[0]).toBeGreaterThanOrEqual(8);
    expect(gaps[4]).toBeGreaterThanOrEqual(32);
    expect(Math.max(...gaps)).toBeLessThan(48 + 30);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'kafka link down; retrying in the background'],
      ['info', 'kafka link up'],
    ]);
    expect(lines[0].fields).toMatchObject({
      link: 'consumer group licensing',
      error: expect.stringMatching(/ECONNREFUSED/),
    });
    await link.stop();
  });

  it('says why it is down while it retries, and nothing once it is up', async () => {
    let brokerUp = false;
    const link = new KafkaLink(
      'outbox producer',
      async () => {
        if (!brokerUp) throw new Error('Connection timeout');
      },
      recordingLogger().logger,
      fast,
    );

    link.connect();
    await waitUntil(() => link.current.state === 'down');
    expect(link.current.error).toBe('Connection timeout');
    brokerUp = true;
    await waitUntil(() => link.isUp);
    expect(link.current.error).toBeUndefined();
    await link.stop();
  });

  it('connects again after a loss reported later (a consumer crash kafkajs does not restart)', async () => {
    const broker = brokerBackAfter(0);
    const { logger, lines } = recordingLogger();
    const link = new KafkaLink('consumer group licensing', broker.attempt, logger, fast);
    link.connect();
    await waitUntil(() => link.isUp);

    link.lost(new Error('The group is rebalancing'));
    expect(link.isUp).toBe(false);
    await waitUntil(() => link.isUp);

    expect(broker.calls).toHaveLength(2);
    expect(lines.map((l) => l.message)).toEqual([
      'kafka link up',
      'kafka link down; retrying in the background',
      'kafka link up',
    ]);
    await link.stop();
  });

  it('runs one attempt at a time however often it is asked to connect', async () => {
    let inFlight = 0;
    let most = 0;
    const link = new KafkaLink(
      'outbox producer',
      async () => {
        most = Math.max(most, (inFlight += 1));
        await new Promise((r) => setTimeout(r, 20));
        inFlight -= 1;
      },
      recordingLogger().logger,
      fast,
    );
    link.connect();
    link.connect();
    link.lost(new Error('lost while connecting'));
    await waitUntil(() => link.isUp);
    expect(most).toBe(1);
    await link.stop();
  });

  it('stops within its grace period while an attempt hangs, and attempts nothing after', async () => {
    let attempts = 0;
    const link = new KafkaLink(
      'consumer group licensing',
      () => {
        attempts += 1;
        return new Promise<void>(() => undefined);
      },
      recordingLogger().logger,
      fast,
    );
    link.connect();

    const started = Date.now();
    await link.stop(50);
    expect(Date.now() - started).toBeLessThan(500);
    expect(link.current.state).toBe('stopped');
    link.connect();
    link.lost(new Error('after stop'));
    expect(attempts).toBe(1);
  });
});
