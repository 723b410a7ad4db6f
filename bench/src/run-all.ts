// `npm run bench`: every benchmark, one after another, each printing its JSON line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

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
for (const file of benchmarks) {
  const result = spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', join(__dirname, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
