/** Polls `probe` until it returns a value that `done` accepts, or fails after `timeoutMs` with the last value. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  {
    timeoutMs = 30_000,
    intervalMs = 100,
    what = 'condition',
  }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > until) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await probe();
  }
  return last;
}

/**
 * Waits for a service's readiness probe to answer 200: a started service joins its consumer group and connects its
 * outbox producer in the background, and a test that publishes before that races the join.
 */
export async function untilReady(baseUrl: string, name = baseUrl): Promise<void> {
  await waitFor(
    () =>
      fetch(`${baseUrl}/health/ready`).then(
        (r) => r.status,
        () => 0,
      ),
    (status) => status === 200,
    { timeoutMs: 60_000, intervalMs: 100, what: `${name} to be ready` },
  );
}
