import { Agent, request as httpRequest } from 'node:http';
import { cpuSampler, percentile } from './bench-env';

/** One request of a load run. */
export interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
}

/** What a load run measured. */
export interface LoadResult {
  /** Milliseconds from each request's scheduled start to its complete answer, sorted. */
  latencies: number[];
  sent: number;
  /** Answers by status; `error` counts requests that got none. */
  statuses: Record<string, number>;
  seconds: number;
}

/**
 * An open-loop load at a constant rate: request i is due at start + i / rate whatever the answers before it do,
 * and its latency counts from when it was due (so a slow server cannot hide its queue: no coordinated omission).
 * autocannon's rate instead lets each connection send its share of a second as fast as it can and then wait,
 * which measures bursts at full speed rather than a steady rate.
 */
export async function constantRate(
  baseUrl: string,
  rate: number,
  seconds: number,
  next: (i: number) => LoadRequest,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  const fire = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const { method = 'GET', path, headers } = next(i);
      const done = (status: string) => {
        latencies.push(performance.now() - due);
        statuses[status] = (statuses[status] ?? 0) + 1;
        resolve();
      };
      const outgoing = httpRequest(new URL(path, baseUrl), { method, headers, agent, timeout: 30_000 }, (incoming) => {
        incoming.resume();
        incoming.on('end', () => done(String(incoming.statusCode)));
        incoming.on('error', () => done('error'));
      });
      outgoing.on('error', () => done('error'));
      outgoing.on('timeout', () => outgoing.destroy());
      outgoing.end();
    });
  for (let i = 0; i < total;) {
    const now = performance.now();
    for (; i < total && started + (i * 1_000) / rate <= now; i += 1)
      inFlight.push(fire(i, started + (i * 1_000) / rate));
    // Waking every millisecond sends at most one millisecond of requests together, without spinning a core.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1_000;
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), sent: total, statuses, seconds: elapsed };
}

/** The figures of one rate: latency percentiles from when each request was due, the rate reached, CPU shares. */
export interface RateRun {
  targetRate: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  cpuPercent: Record<string, number>;
}

/** Runs `constantRate` at each rate in turn for `seconds`, sampling the CPU of the given process groups. */
export async function measureAtRates(
  baseUrl: string,
  rates: number[],
  seconds: number,
  next: (i: number) => LoadRequest,
  cpuGroups: Record<string, RegExp>,
): Promise<RateRun[]> {
  const runs: RateRun[] = [];
  for (const rate of rates) {
    const cpu = cpuSampler(cpuGroups);
    const result = await constantRate(baseUrl, rate, seconds, next);
    const ms = (p: number) => Math.round(percentile(result.latencies, p) * 10) / 10;
    runs.push({
      targetRate: rate,
      requestsPerSecond: Math.round(result.sent / result.seconds),
      p50Ms: ms(50),
      p90Ms: ms(90),
      p99Ms: ms(99),
      maxMs: ms(100),
      statuses: result.statuses,
      cpuPercent: cpu.stop(),
    });
  }
  return runs;
}
