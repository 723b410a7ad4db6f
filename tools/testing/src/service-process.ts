import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, repoRoot } from '@partner-portal/infra';
import { internalApiClient, type ServiceUnderTest } from './service-under-test';
import { testKafkaSecurityEnv } from './test-infra';
import { waitFor } from './waiting';

/** What Nest logs once the HTTP server listens. */
const LISTENING = 'Nest application successfully started';

/** A service running as its own process, from its build, as it runs in production. */
export interface ServiceProcess {
  name: string;
  baseUrl: string;
  request: ServiceUnderTest['request'];
  /** What the process printed, for diagnosing a failed test. */
  output(): string;
  /** Whether it has exited, and the last lines it printed at warn or above: what a failed wait shows about it. */
  diagnosis(lines?: number): string;
  /** SIGTERM, then waits for the graceful exit. */
  stop(): Promise<void>;
  /** Sends `signal` (a crash: SIGKILL) and waits until the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** The process's resident memory in bytes (Linux), for soak tests. */
  residentBytes(): number;
  /** The CPU time the process has used so far, user and system, in seconds (Linux), for benchmarks. */
  cpuSeconds(): number;
  /** Whether the process has exited. */
  readonly exited: boolean;
}

/**
 * Starts `services/<name>/dist/main.js` (npm test builds first) on a free port (or the given one) with the given variables and waits
 * until `/health/ready` answers (or only `/health/live`, for a test of a service whose dependencies are away). For
 * tests that need other services running beside the one they test.
 */
export async function startServiceProcess(
  name: string,
  env: NodeJS.ProcessEnv,
  options: { port?: number; waitUntil?: 'ready' | 'live' } = {},
): Promise<ServiceProcess> {
  const main = join(repoRoot, 'services', name, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build; npm test does it)`);
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: join(repoRoot, 'services', name),
    // Kafka credentials as the test run's (KAFKA_SASL_*) unless the caller names others.
    env: { PATH: process.env.PATH, ...testKafkaSecurityEnv(), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The last ~200 kB of what it printed, kept as chunks: joining a large string per chunk would cost the test (or
  // benchmark) process more than the service it watches when that service logs every request.
  const chunks: Buffer[] = [];
  let kept = 0;
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    kept += chunk.length;
    while (kept > 200_000 && chunks.length > 1) kept -= chunks.shift()!.length;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => Buffer.concat(chunks).toString('utf8');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const logsListening = !['fatal', 'error', 'warn', 'silent'].includes(env.LOG_LEVEL ?? 'info');
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${name} exited with ${child.exitCode}:\n${output().slice(-4_000)}`);
        // Another process on this port would answer too: the health answer counts once this one is listening.
        if (logsListening && !output().includes(LISTENING)) return 0;
        return fetch(`${baseUrl}/health/${options.waitUntil ?? 'ready'}`).then(
          (r) => r.status,
          () => 0,
        );
      },
      (status) => status === 200,
      { timeoutMs: 60_000, intervalMs: 200, what: `${name} to be ${options.waitUntil ?? 'ready'}` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name,
    baseUrl,
    request: internalApiClient(baseUrl),
    output,
    diagnosis(lines = 15) {
      const exited = child.exitCode !== null || child.signalCode !== null;
      const state = exited ? `exited (${child.exitCode ?? child.signalCode})` : 'running';
      // An exit ends with what killed it (often not a log line): the tail as printed.
      const notable = output()
        .split('\n')
        .filter((line) => exited || /"level":"(warn|error|fatal)"|^\S*Error|^\s+at /.test(line))
        .slice(exited ? -3 * lines : -lines)
        .map((line) => `  ${line.slice(0, 600)}`);
      return [`${name} pid ${child.pid}, ${state}; its last warnings and errors:`, ...notable].join('\n');
    },
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    residentBytes() {
      const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return rss ? Number(rss[1]) * 1024 : 0;
    },
    cpuSeconds() {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks of 1/100 s (USER_HZ on Linux).
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
  };
}
