import { readdirSync, readFileSync } from 'node:fs';
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

/** CPU time of the processes whose command line matches each pattern, and the machine's idle time, over a window. */
export function cpuSampler(groups: Record<string, RegExp>): { stop(): Record<string, number> } {
  const ticksPerSecond = 100;
  const read = () => {
    const byGroup: Record<string, number> = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        for (const [group, pattern] of Object.entries(groups)) {
          if (pattern.test(command) || pattern.test(name)) byGroup[group] += ticks;
        }
      } catch {
        // the process ended meanwhile
      }
    }
    const [, ...cpu] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/);
    return { byGroup, idle: Number(cpu[3]) + Number(cpu[4]), at: Date.now() };
  };
  const start = read();
  return {
    stop() {
      const end = read();
      const seconds = (end.at - start.at) / 1000;
      const share = (ticks: number) => Math.round((ticks / ticksPerSecond / seconds) * 100);
      return {
        ...Object.fromEntries(Object.keys(groups).map((g) => [g, share(end.byGroup[g] - start.byGroup[g])])),
        idle: share(end.idle - start.idle),
      };
    },
  };
}
