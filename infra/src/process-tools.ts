import { spawnSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

/** A missing or unusable prerequisite, with what to install. */
export class PrerequisiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrerequisiteError';
  }
}

/** Runs a command to completion; returns its exit status and output. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    ok: result.status === 0 && !result.error,
    status: result.status,
    missing: (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT',
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}

/** The major version of the `java` on PATH; throws naming what to install when there is none. */
export function requireJava(minimumMajor: number): number {
  const result = run('java', ['-version']);
  if (result.missing) {
    throw new PrerequisiteError(
      `Java ${minimumMajor}+ is needed to run the local Kafka broker and was not found on PATH. ` +
        `Install a JDK (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless), or set KAFKA_BROKERS to use another broker.`,
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.output);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < minimumMajor) {
    throw new PrerequisiteError(`Java ${minimumMajor}+ is needed for Kafka; found: ${result.output.split('\n')[0]}`);
  }
  return major;
}

/** Throws naming what to install when Maven is not on PATH. */
export function requireMaven(): void {
  if (run('mvn', ['-v']).missing) {
    throw new PrerequisiteError(
      'Apache Maven is needed once, to fetch the Kafka broker from Maven Central, and was not found on PATH. ' +
        'Install it (Debian/Ubuntu: apt-get install maven), or set KAFKA_BROKERS to use another broker.',
    );
  }
}

/** Whether something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Whether a process with this pid is alive. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves after `ms`. */
export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Where progress lines go; `silent` drops them. */
export type ProgressLog = (line: string) => void;

/** A progress log that prints nothing. */
export const silent: ProgressLog = () => undefined;

/** The block of ports a jest worker draws from, and where in it it drew last. */
const WORKER_PORTS = { first: 20_000, size: 1_000, blocks: 12 };
let lastInBlock = -1;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now. A port the kernel hands out (`listen(0)`) can be handed
 * to another process, or taken as the local end of an outgoing connection, before the caller listens on it; with two
 * jest workers starting platforms, a gateway then reached another test's service on its licensing port. So a jest
 * worker draws from a block of its own, below the kernel's ephemeral range (32768 and up), in turn.
 */
export async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID);
  if (Number.isInteger(worker) && worker >= 1) {
    const base = WORKER_PORTS.first + ((worker - 1) % WORKER_PORTS.blocks) * WORKER_PORTS.size;
    for (let tries = 0; tries < WORKER_PORTS.size; tries += 1) {
      lastInBlock = (lastInBlock + 1) % WORKER_PORTS.size;
      if (await canListen(base + lastInBlock)) return base + lastInBlock;
    }
  }
  return listenOn(0);
}

function canListen(port: number): Promise<boolean> {
  return listenOn(port).then(
    () => true,
    () => false,
  );
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolvePromise(bound));
    });
  });
}
