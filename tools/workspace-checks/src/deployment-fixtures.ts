import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@partner-portal/infra';

const servicesDir = join(repoRoot, 'services');

interface ServiceManifest {
  portal?: { static?: boolean; port?: number };
}

/** A folder under services/'s package.json. */
export const manifestOf = (name: string) =>
  JSON.parse(readFileSync(join(servicesDir, name, 'package.json'), 'utf8')) as ServiceManifest;

/** Folders under services/ with a package.json: running services, or static apps (`portal.static`). */
export function workspaceProjects(isStatic: boolean): string[] {
  if (!existsSync(servicesDir)) return [];
  return readdirSync(servicesDir)
    .filter((name) => existsSync(join(servicesDir, name, 'package.json')))
    .filter((name) => Boolean(manifestOf(name).portal?.static) === isStatic);
}

/** The running services under services/. */
export const workspaceServices = () => workspaceProjects(false);

/** Whether a service has a database of its own, hence migrations and the migrate-only entrypoint (src/migrate.ts). */
export const hasMigrations = (name: string) => existsSync(join(servicesDir, name, 'src', 'migrate.ts'));

export type ConfigLoader = (env: NodeJS.ProcessEnv) => object;

/**
 * A service's own configuration loader (`load<Name>Config` in services/<name>/src/config/<name>.config.ts), loaded at
 * run time: the checks call the very code that refuses a bad variable at boot, rather than a copy of its rules.
 */
export async function configLoaderOf(name: string): Promise<ConfigLoader> {
  const file = join(servicesDir, name, 'src', 'config', `${name}.config.ts`);
  const module = (await import(file)) as Record<string, unknown>;
  const loaders = Object.entries(module).filter(
    ([key, value]) => /^load\w+Config$/.test(key) && typeof value === 'function',
  );
  if (loaders.length !== 1) throw new Error(`${file}: expected one load...Config function, found ${loaders.length}`);
  return loaders[0][1] as ConfigLoader;
}

/**
 * Values for the secrets a user (compose: the shell or .env) or an operator (Helm: the Secret) provides, of the shapes
 * the services demand. Keys are variable names; Helm's secret keys map onto them.
 */
export function sampleSecrets(): Record<string, string> {
  return {
    GATEWAY_API_TOKEN: `gateway-${randomBytes(12).toString('hex')}`,
    OPERATOR_API_TOKEN: `operator-${randomBytes(12).toString('hex')}`,
    INVITATION_CODE_PEPPER: randomBytes(24).toString('hex'),
    EMAIL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
    SENDGRID_API_KEY: `SG.${randomBytes(16).toString('hex')}`,
    KAFKA_SASL_PASSWORD: randomBytes(16).toString('hex'),
  };
}

/** Every value of an environment map as the string a process sees. */
export const asProcessEnv = (environment: Record<string, unknown>): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
