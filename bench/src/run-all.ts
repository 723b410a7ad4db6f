// `npm run bench`: every benchmark, one after another, each printing its JSON line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Verdict } from './bench-env';

const benchmarks = [
  'projection-throughput.ts',
  'projection-scale-out.ts',
  'document-queries.ts',
  'gateway-documents.ts',
  'freshness.ts',
  'invitations.ts',
  'web-first-page.ts',
  'idle-cost.ts',
];
let failed = 0;
const summary: string[] = [];
for (const file of benchmarks) {
  const result = spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', join(__dirname, file)], {
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  process.stdout.write(result.stdout ?? '');
  if (result.status !== 0) {
    failed += 1;
    summary.push(`${file}: failed (exit ${result.status})`);
  }
  for (const line of (result.stdout ?? '').split('\n').filter((l) => l.startsWith('{'))) {
    const { benchmark, verdicts } = JSON.parse(line) as { benchmark: string; verdicts?: Verdict[] };
    for (const v of verdicts ?? []) {
      const ceiling = v.ceiling ? `; ${v.ceiling.is} ${v.ceiling.figure}, ratio ${v.ratio}` : '';
      summary.push(
        `${benchmark}: ${v.measure} ${v.figure} ${v.unit}${ceiling}; ${v.target}: ${v.met ? 'met' : 'MISSED'}`,
      );
    }
  }
}
// Every target in one place, after the progress lines (stdout keeps only the JSON lines).
process.stderr.write(`\n[bench] summary\n${summary.map((line) => `  ${line}`).join('\n')}\n`);
process.exit(failed ? 1 : 0);
