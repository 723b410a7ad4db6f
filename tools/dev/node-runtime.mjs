// Which Node runs the workspace (tools/dev/bootstrap.mjs). A Node that satisfies package.json's engines.node runs as
// it is; any other gets the Node of package.json's config.node instead, fetched from the npm registry (the platform
// package node-<platform>-<arch>, which the registry's `node` package installs too) into .local/node/. PP_NODE says
// otherwise: `system` uses the running Node or stops, `registry` always uses the registry's.
// No dependencies and no import.meta: it runs before npm ci, and jest loads it through SWC.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, sep } from 'node:path';

/** End of life of the Node release lines (https://github.com/nodejs/Release), for the message that says why. */
const endOfLife = {
  18: '2025-04-30',
  19: '2023-06-01',
  20: '2026-04-30',
  21: '2024-06-01',
  22: '2027-04-30',
  23: '2025-06-01',
  24: '2028-04-30',
  25: '2026-06-01',
};

/** `20.19.1` or `v20.19.1` (a pre-release suffix ignored) as numbers; undefined when it is not a version. */
export function parseVersion(text) {
  const match = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?\s*$/.exec(String(text));
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function compare(a, b) {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** One comparator of a range as a test of a parsed version (throws on syntax it does not know, so that is noticed). */
function comparator(text) {
  const match = /^(>=|<=|>|<|=|\^|~)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(text);
  if (!match) throw new Error(`cannot read the version range part "${text}"`);
  const [, op = '=', majorText, minorText, patchText] = match;
  const wild = (part) => part === undefined || part === 'x' || part === '*';
  const major = Number(majorText);
  const minor = wild(minorText) ? 0 : Number(minorText);
  const patch = wild(patchText) ? 0 : Number(patchText);
  const base = [major, minor, patch];
  // `22`, `22.x`, `^22.13.0`, `~22.13.0`: a lower bound and the next release line (or minor) as the upper one.
  const upTo = (upper) => (v) => compare(v, base) >= 0 && compare(v, upper) < 0;
  if (op === '^') return upTo(major > 0 ? [major + 1, 0, 0] : [0, minor + 1, 0]);
  if (op === '~') return upTo(wild(minorText) ? [major + 1, 0, 0] : [major, minor + 1, 0]);
  if (op === '=' && wild(minorText)) return upTo([major + 1, 0, 0]);
  if (op === '=' && wild(patchText)) return upTo([major, minor + 1, 0]);
  return {
    '>=': (v) => compare(v, base) >= 0,
    '>': (v) => compare(v, base) > 0,
    '<=': (v) => compare(v, base) <= 0,
    '<': (v) => compare(v, base) < 0,
    '=': (v) => compare(v, base) === 0,
  }[op];
}

/** Whether a version satisfies an engines-style range: `>=22.13.0`, `>=20.19.0 <21 || >=22.13.0`, `^24`, `24.x`. */
export function satisfies(version, range) {
  const parsed = parseVersion(version);
  if (!parsed) return false;
  return range.split('||').some((alternative) => {
    const parts = alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    const tests = parts.map(comparator);
    return tests.length > 0 && tests.every((test) => test(parsed));
  });
}

/** The npm package that carries Node's binary for a platform, named as the registry's `node` package names it. */
export function platformPackage(platform, arch) {
  const os = platform === 'win32' ? 'win' : platform;
  if (!['linux', 'darwin', 'win'].includes(os)) return undefined;
  const cpu = os === 'win' && arch === 'ia32' ? 'x86' : arch;
  if (!['x64', 'arm64', 'x86', 'ppc64', 's390x', 'armv7l'].includes(cpu)) return undefined;
  return `${os === 'darwin' && cpu === 'arm64' ? 'node-bin' : 'node'}-${os}-${cpu}`;
}

/** Why a Node does not do: past its end of life, or just outside the range. */
export function unsupportedReason(version, range, today = new Date()) {
  const [major] = parseVersion(version) ?? [0];
  const eol = endOfLife[major];
  return eol && today.toISOString().slice(0, 10) > eol
    ? `Node ${version} is past its end of life (${eol})`
    : `Node ${version} does not satisfy engines.node "${range}"`;
}

/**
 * Which Node to run: `current` (the running one), `registry` (the pinned one from the npm registry, `reason` says
 * why) or `error` (a sentence for the person running it).
 * `mode` is PP_NODE: unset or `auto`, `system` (never fetch), `registry` (always the registry's).
 */
export function chooseNode({ current, range, pinned, mode = 'auto', today = new Date() }) {
  const supported = satisfies(current, range);
  if (mode === 'system') {
    return supported
      ? { use: 'current' }
      : {
          use: 'error',
          message:
            `${unsupportedReason(current, range, today)}, and PP_NODE=system says to use it: install a Node that ` +
            `satisfies ${range} (https://nodejs.org), or unset PP_NODE to run on Node ${pinned} from the npm registry.`,
        };
  }
  if (mode === 'registry') return { use: 'registry', reason: 'PP_NODE=registry' };
  if (mode !== 'auto') {
    return { use: 'error', message: `PP_NODE is "${mode}"; it takes auto (the default), system or registry.` };
  }
  if (supported) return { use: 'current' };
  if (!satisfies(pinned, range)) {
    return { use: 'error', message: `config.node ${pinned} in package.json does not satisfy engines.node ${range}.` };
  }
  return { use: 'registry', reason: unsupportedReason(current, range, today) };
}

/** The environment for processes on `nodeBin`: its directory first on PATH (npx, npm and scripts find it). */
export function nodeEnv(env, nodeBin) {
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  const rest = (env[pathKey] ?? '').split(delimiter).filter((entry) => entry && entry !== dirname(nodeBin));
  return { ...env, [pathKey]: [dirname(nodeBin), ...rest].join(delimiter), NODE: nodeBin, npm_node_execpath: nodeBin };
}

/** The version a Node binary prints, or undefined when it does not run. */
function versionOf(nodeBin) {
  if (!existsSync(nodeBin)) return undefined;
  const result = spawnSync(nodeBin, ['-v'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

/** Where a package installed under `dir` keeps its node binary. */
function binaryIn(dir, pkg) {
  const pkgDir = join(dir, 'node_modules', pkg);
  if (process.platform === 'win32' && existsSync(join(pkgDir, 'bin', 'node.exe')))
    return join(pkgDir, 'bin', 'node.exe');
  try {
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    return join(pkgDir, manifest.bin?.node ?? 'bin/node');
  } catch {
    return join(pkgDir, 'bin', 'node');
  }
}

/** Whether `execPath` is a Node this module installed under `root`/.local/node. */
export function isRegistryNode(root, execPath) {
  try {
    const path = relative(realpathSync(join(root, '.local', 'node')), realpathSync(execPath));
    return path !== '' && !path.startsWith('..') && !path.startsWith(sep);
  } catch {
    return false;
  }
}

function npmInstall(dir, spec) {
  return spawnSync(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', spec],
    { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' },
  );
}

/**
 * The pinned Node of the npm registry for this platform, installed into .local/node/<version>-<platform>-<arch>
 * unless it is there already: returns { bin, version } or { error }. A registry that lacks the pinned version for
 * this platform gets the newest of the same release line. Installs into a directory of its own and renames it into
 * place, so that two bootstraps at once do not trip over each other.
 */
export function ensureRegistryNode({ root, pinned, range, say = () => {} }) {
  const pkg = platformPackage(process.platform, process.arch);
  if (!pkg) return { error: `the npm registry has no Node for ${process.platform}-${process.arch}` };
  const home = join(root, '.local', 'node');
  const dir = join(home, `${pinned}-${process.platform}-${process.arch}`);
  const usable = (version) => version !== undefined && satisfies(version, range);
  const installed = versionOf(binaryIn(dir, pkg));
  if (usable(installed)) return { bin: binaryIn(dir, pkg), version: installed };

  say(`fetching ${pkg}@${pinned} from the npm registry into ${relative(root, dir)} ...`);
  const scratch = join(home, `.install-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    writeFileSync(join(scratch, 'package.json'), '{ "private": true }\n');
    let result = npmInstall(scratch, `${pkg}@${pinned}`);
    if (result.status !== 0 && /ETARGET|E404|No matching version|No match found/i.test(result.stderr ?? '')) {
      const line = parseVersion(pinned)[0];
      say(`the registry has no ${pkg}@${pinned}; taking its newest ${pkg}@${line}`);
      result = npmInstall(scratch, `${pkg}@${line}`);
    }
    if (result.status !== 0) {
      return { error: `npm install ${pkg}@${pinned} failed:\n${(result.stderr || result.stdout || '').trim()}` };
    }
    const version = versionOf(binaryIn(scratch, pkg));
    if (!version) return { error: `${pkg} from the npm registry does not run here (it printed no version)` };
    if (!usable(version)) return { error: `${pkg} from the npm registry is Node ${version}, outside ${range}` };
    // Another bootstrap may have renamed its copy into place meanwhile: then that one is used.
    if (!usable(versionOf(binaryIn(dir, pkg)))) {
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(scratch, dir);
      } catch (error) {
        if (!usable(versionOf(binaryIn(dir, pkg)))) throw error;
      }
    }
    const bin = binaryIn(dir, pkg);
    return { bin, version: versionOf(bin) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
