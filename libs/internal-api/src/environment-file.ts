import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Fills variables that are not set from an environment file: `ENV_FILE` when set (it must exist), else `.env` in
 * the working directory when there is one. The process's own environment always wins over the file, and an empty
 * value in the file (as .env.example leaves them) sets nothing. Answers the file read, if any.
 */
export function loadEnvironmentFile(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): string | undefined {
  const named = env.ENV_FILE?.trim();
  const file = named || join(cwd, '.env');
  if (!existsSync(file)) {
    if (named) throw new Error(`ENV_FILE names ${file}, which does not exist`);
    return undefined;
  }
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (env[name] === undefined && value !== '') env[name] = value;
  }
  return file;
}
