import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverServices } from './services';

function workspaceWith(services: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), 'services-'));
  for (const [name, manifest] of Object.entries(services)) {
    mkdirSync(join(root, 'services', name), { recursive: true });
    writeFileSync(join(root, 'services', name, 'package.json'), JSON.stringify(manifest));
  }
  return root;
}

describe('discoverServices', () => {
  it('reads port and database of every service, in name order', () => {
    const root = workspaceWith({
      licensing: { main: 'dist/main.js', portal: { port: 3102, database: 'licensing' } },
      gateway: { portal: { port: 3000 } },
    });
    expect(discoverServices(root).map(({ name, port, database, main }) => ({ name, port, database, main }))).toEqual([
      { name: 'gateway', port: 3000, database: undefined, main: 'dist/main.js' },
      { name: 'licensing', port: 3102, database: 'licensing', main: 'dist/main.js' },
    ]);
  });

  it('leaves out static apps, which the gateway serves', () => {
    const root = workspaceWith({ web: { portal: { static: true } }, gateway: { portal: { port: 3000 } } });
    expect(discoverServices(root).map((s) => s.name)).toEqual(['gateway']);
  });

  it('refuses a service that does not say its port', () => {
    const root = workspaceWith({ invitations: { main: 'dist/main.js' } });
    expect(() => discoverServices(root)).toThrow('services/invitations/package.json needs "portal": { "port": ... }');
  });

  it('finds nothing in a workspace without services', () => {
    expect(discoverServices(mkdtempSync(join(tmpdir(), 'empty-')))).toEqual([]);
  });
});
