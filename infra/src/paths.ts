import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).workspaces) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no workspace root above ${start}`);
    dir = parent;
  }
}

/** The repository root (the folder with the workspace package.json). */
export const repoRoot = findRepoRoot(resolve(__dirname));

/** Ignored folder for everything the project fetches or keeps at run time (jars, broker data, logs). */
export const localDir = process.env.PP_LOCAL_DIR ?? join(repoRoot, '.local');

/** Files of the infra project. */
export const infraDir = join(repoRoot, 'infra');
