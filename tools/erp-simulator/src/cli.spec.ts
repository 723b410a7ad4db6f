import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const cli = join(__dirname, 'cli.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('npm run sim', () => {
  it.each([['--help'], ['-h'], ['help'], ['stream', '--help'], []])(
    'lists its commands for %p and succeeds',
    (...args) => {
      const result = run(...args);
      expect([result.status, result.stdout]).toEqual([0, expect.stringContaining('ERP simulator: behaves like')]);
    },
  );

  it('lists them for an unknown command too, and fails', () => {
    const result = run('bogus');
    expect([result.status, result.stdout]).toEqual([2, expect.stringContaining('seed     master data')]);
  });
});
