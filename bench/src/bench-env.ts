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

/**
 * One target of a benchmark (issue 18): the figure, the bare ceiling (or the peer) measured in the same run where
 * there is one, how close the figure comes to it, the target and whether the figure meets it.
 */
export interface Verdict {
  /** What is measured, e.g. "p99 at 1,000 requests/s". */
  measure: string;
  figure: number;
  unit: string;
  /** The same measure of the bare ceiling (or the peer) in the same run, and what that is. */
  ceiling?: { figure: number; is: string };
  /** figure / ceiling for a rate, ceiling / figure for a latency: 1 is as good as the ceiling. */
  ratio?: number;
  target: string;
  met: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A rate that must reach `least` (and, with a ceiling, the share of it `ratioAtLeast`). */
export function rateVerdict(
  measure: string,
  figure: number,
  unit: string,
  goal: { least?: number; ratioAtLeast?: number; ratioAbove?: number },
  ceiling?: { figure: number; is: string },
): Verdict {
  const ratio = ceiling ? round2(figure / ceiling.figure) : undefined;
  const targets: string[] = [];
  let met = true;
  if (goal.least !== undefined) {
    targets.push(`>= ${goal.least} ${unit}`);
    met &&= figure >= goal.least;
  }
  if (goal.ratioAtLeast !== undefined && ratio !== undefined) {
    targets.push(`>= ${goal.ratioAtLeast} x ${ceiling!.is}`);
    met &&= ratio >= goal.ratioAtLeast;
  }
  if (goal.ratioAbove !== undefined && ratio !== undefined) {
    targets.push(`> ${goal.ratioAbove} x ${ceiling!.is}`);
    met &&= ratio > goal.ratioAbove;
  }
  return { measure, figure, unit, ceiling, ratio, target: targets.join(' and '), met };
}

/** A latency (or a size) that must stay at or under `most`. */
export function limitVerdict(
  measure: string,
  figure: number,
  unit: string,
  most: number,
  ceiling?: { figure: number; is: string },
): Verdict {
  const ratio = ceiling && figure > 0 ? round2(ceiling.figure / figure) : undefined;
  return { measure, figure, unit, ceiling, ratio, target: `<= ${most} ${unit}`, met: figure <= most };
}

/**
 * Prints the one JSON line of a benchmark on stdout: its verdicts first (each target with its figure, ceiling and
 * ratio), then its other figures; and each verdict as a sentence on stderr.
 */
export function report(name: string, verdicts: Verdict[], figures: Record<string, unknown>): void {
  for (const v of verdicts) {
    const ceiling = v.ceiling ? ` (${v.ceiling.is}: ${v.ceiling.figure} ${v.unit}, ratio ${v.ratio})` : '';
    progress(`${name}: ${v.measure} ${v.figure} ${v.unit}${ceiling}; target ${v.target}: ${v.met ? 'met' : 'missed'}`);
  }
  process.stdout.write(
    `${JSON.stringify({
      benchmark: name,
      date: new Date().toISOString(),
      met: verdicts.every((v) => v.met),
      verdicts,
      ...figures,
      machine: machine(),
    })}\n`,
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
  // Ticks per process and its group: a process that ends in the window takes its ticks with it, so each group
  // counts what its processes alive at the end used since the start (or since they began).
  const read = () => {
    const ticksByPid = new Map<string, { group: string; ticks: number }>();
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const group = Object.entries(groups).find(([, pattern]) => pattern.test(command) || pattern.test(name))?.[0];
        if (group) ticksByPid.set(pid, { group, ticks });
      } catch {
        // the process ended meanwhile
      }
    }
    const [, ...cpu] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/);
    return { ticksByPid, idle: Number(cpu[3]) + Number(cpu[4]), at: Date.now() };
  };
  const start = read();
  return {
    stop() {
      const end = read();
      const seconds = (end.at - start.at) / 1000;
      const share = (ticks: number) => Math.round((ticks / ticksPerSecond / seconds) * 100);
      const used: Record<string, number> = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
      for (const [pid, { group, ticks }] of end.ticksByPid) {
        used[group] += ticks - (start.ticksByPid.get(pid)?.ticks ?? 0);
      }
      return {
        ...Object.fromEntries(Object.keys(groups).map((g) => [g, share(used[g])])),
        idle: share(end.idle - start.idle),
      };
    },
  };
}
