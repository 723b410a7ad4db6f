// Types of node-runtime.mjs (plain JavaScript, because it runs before npm ci), for its tests.
export type NodeChoice = { use: 'current' } | { use: 'registry'; reason: string } | { use: 'error'; message: string };

export function parseVersion(text: string): [number, number, number] | undefined;
export function satisfies(version: string, range: string): boolean;
export function platformPackage(platform: string, arch: string): string | undefined;
export function unsupportedReason(version: string, range: string, today?: Date): string;
export function chooseNode(options: {
  current: string;
  range: string;
  pinned: string;
  mode?: string;
  today?: Date;
}): NodeChoice;
export function nodeEnv(env: NodeJS.ProcessEnv, nodeBin: string): NodeJS.ProcessEnv;
export function isRegistryNode(root: string, execPath: string): boolean;
export function ensureRegistryNode(options: {
  root: string;
  pinned: string;
  range: string;
  say?: (line: string) => void;
}): { bin: string; version: string; error?: undefined } | { error: string };
