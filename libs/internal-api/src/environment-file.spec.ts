import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironmentFile } from './environment-file';

describe('the environment file', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'env-file-'));

  it('given a .env in the working directory, fills what the environment leaves unset, and nothing else', () => {
    const cwd = folder();
    writeFileSync(join(cwd, '.env'), 'PORT=3999\nLOG_LEVEL=debug\nGATEWAY_API_TOKEN=\n# a comment\nQUOTED="a b"\n');
    const env: Record<string, string | undefined> = { PORT: '3102' };
    expect(loadEnvironmentFile(env, cwd)).toBe(join(cwd, '.env'));
    expect(env).toEqual({ PORT: '3102', LOG_LEVEL: 'debug', QUOTED: 'a b' });
  });

  it('given no .env, changes nothing', () => {
    const env: Record<string, string | undefined> = { PORT: '1' };
    expect(loadEnvironmentFile(env, folder())).toBeUndefined();
    expect(env).toEqual({ PORT: '1' });
  });

  it('given ENV_FILE, reads that file instead, and refuses one that does not exist', () => {
    const elsewhere = join(folder(), 'licensing.env');
    writeFileSync(elsewhere, 'DATABASE_URL=postgres://db/licensing\n');
    const env: Record<string, string | undefined> = { ENV_FILE: elsewhere };
    loadEnvironmentFile(env, folder());
    expect(env.DATABASE_URL).toBe('postgres://db/licensing');
    expect(() => loadEnvironmentFile({ ENV_FILE: join(folder(), 'missing.env') })).toThrow(/does not exist/);
  });
});
