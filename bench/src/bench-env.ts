import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@partner-portal/infra';
import { publishTestInfra, resolveTestInfra, type TestInfra } from '@partner-portal/testing';

/** Brings up the infrastructure (as the tests do) and builds the services, which benchmarks run as processes. */
export async function prepareBench(): Promise<TestInfra> {
  const infra = await resolveTestInfra((line) => process.stderr.write(`[bench] ${line}\n`));
  publishTestInfra(infra);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return infra;
}

/** What the figures were measured on. */
export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** Prints the one JSON line of a benchmark on stdout (progress goes to stderr). */
export function report(name: string, figures: Record<string, unknown>): void {
  process.stdout.write(
    `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), ...figures, machine: machine() })}\n`,
  );
}

/** The p-th percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Progress on stderr. */
export const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
