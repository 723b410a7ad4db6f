import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { platformTopicSpecs } from '@partner-portal/contracts';
import { DLQ_RETENTION_MS, kafkaVersion, repoRoot, SERVICE_DATABASES } from '@partner-portal/infra';
import {
  asProcessEnv,
  configLoaderOf,
  hasMigrations,
  manifestOf,
  sampleSecrets,
  workspaceProjects,
  workspaceServices,
} from './deployment-fixtures';

interface ComposeService {
  image?: string;
  command?: string[];
  volumes?: string[];
  ports?: string[];
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  networks?: Record<string, { aliases?: string[] } | null>;
  restart?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// Docker compose resolves YAML merge keys (`<<: *anchor`), which the file uses for what services share.
const compose: ComposeFile = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = readFileSync(join(repoRoot, 'infra/docker/service.Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');

/** The names of `services` that have no entry in the compose file. */
function missingFromCompose(file: ComposeFile, services: string[]): string[] {
  return services.filter((name) => !(name in file.services));
}

/**
 * A value as docker compose interpolates it from the shell or .env: `$${...}` is a literal dollar, `${VAR:-default}`
 * and `${VAR-default}` fall back, `${VAR:?message}` and `${VAR?message}` refuse to start without it.
 */
function interpolate(value: string | number, variables: Record<string, string>): string {
  return String(value).replace(/\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g, (match, name, colon, kind, text) => {
    if (match === '$$') return '$';
    const set = variables[name];
    const missing = set === undefined || (colon === ':' && set === '');
    if (!missing) return set;
    if (kind === '-') return text as string;
    if (kind === '?') throw new Error(`docker compose refuses to start: ${text as string}`);
    return '';
  });
}

/** A service's environment as its process sees it: the compose environment, interpolated, over the image's ENV. */
function processEnvironment(name: string, variables: Record<string, string>): NodeJS.ProcessEnv {
  const environment = compose.services[name].environment ?? {};
  return {
    NODE_ENV: 'production',
    HOST: '0.0.0.0',
    IDP_HOST: '0.0.0.0',
    ...asProcessEnv(Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, interpolate(v, variables)]))),
  };
}

/** The one-shot services: they run to completion (migrations, topic creation) and have no health to check. */
const isOneShot = (service: ComposeService) => service.restart === 'no';

describe('docker-compose.yml', () => {
  it('has an entry for every service under services/', () => {
    expect(missingFromCompose(compose, workspaceServices())).toEqual([]);
  });

  it('has the gateway serve every static app under services/ from its build in the image', () => {
    const statics = workspaceProjects(true);
    expect(statics).toContain('web');
    for (const name of statics) {
      expect(compose.services.gateway.environment?.WEB_APP_DIR).toBe(`/app/services/${name}/dist`);
    }
    expect(dockerfile).toContain('tools/dev/build-web.ts');
    expect(dockerfile).toMatch(/if \[ "\$\{SERVICE\}" = gateway \]; then .*cp -r services\/web\/dist/);
  });

  it('would report a service that has no entry', () => {
    expect(missingFromCompose(compose, [...workspaceServices(), 'a-service-nobody-added'])).toEqual([
      'a-service-nobody-added',
    ]);
  });

  it("gives every service the gateway's and the operators' credentials, the gateway only its own, from the environment", () => {
    const fromEnvironment = (variable: string) => new RegExp(`^\\$\\{${variable}:\\?.+\\}$`);
    for (const name of workspaceServices()) {
      const environment = compose.services[name].environment ?? {};
      expect(environment).not.toHaveProperty('INTERNAL_API_TOKEN');
      expect(environment.GATEWAY_API_TOKEN).toMatch(fromEnvironment('GATEWAY_API_TOKEN'));
      if (name === 'gateway') expect(environment).not.toHaveProperty('OPERATOR_API_TOKEN');
      else expect(environment.OPERATOR_API_TOKEN).toMatch(fromEnvironment('OPERATOR_API_TOKEN'));
    }
  });

  it('runs the official Kafka image in the version the local broker uses', () => {
    expect(compose.services.kafka.image).toBe(`apache/kafka:${kafkaVersion()}`);
    expect(compose.services['kafka-topics'].image).toBe(`apache/kafka:${kafkaVersion()}`);
  });

  it('creates exactly the topics libs/contracts defines, with their partition counts and retention', () => {
    const script = compose.services['kafka-topics'].command!.join('\n');
    const created = [...script.matchAll(/^\s+([a-z][a-z.-]+):(\d+):(\d+)/gm)].map(
      ([, name, partitions, retention]) => ({
        name,
        partitions: Number(partitions),
        retention,
      }),
    );
    expect(created.map(({ name, partitions }) => ({ name, partitions }))).toEqual(platformTopicSpecs());
    // docs/messaging.md: dead letters 30 days (as the local broker's topics, infra/src/topics.ts), the others 7.
    for (const topic of created) {
      expect([topic.name, topic.retention]).toEqual([
        topic.name,
        topic.name.endsWith('.dlq') ? DLQ_RETENTION_MS : String(7 * 24 * 3_600_000),
      ]);
    }
    expect(script).toContain('--config "retention.ms=$$retention"');
  });

  it('gives PostgreSQL an init script that creates one database per service, the same as infra:up', () => {
    expect(compose.services.postgres.volumes).toContain('./infra/postgres/init:/docker-entrypoint-initdb.d:ro');
    const sql = readFileSync(join(repoRoot, 'infra/postgres/init/01-create-databases.sql'), 'utf8');
    const created = [...sql.matchAll(/^CREATE DATABASE (\w+);/gm)].map(([, name]) => name);
    expect(created).toEqual([...SERVICE_DATABASES]);
  });

  it('starts every service with what its configuration loader demands, given the secrets the user sets', async () => {
    const secrets = sampleSecrets();
    for (const name of workspaceServices()) {
      const load = await configLoaderOf(name);
      expect(() => load(processEnvironment(name, secrets))).not.toThrow();
      // The port it listens on is the one published and, for the others, the one the gateway calls.
      const port = Number(processEnvironment(name, secrets).PORT);
      expect(port).toBe(manifestOf(name).portal?.port);
      expect(compose.services[name].ports).toEqual([`127.0.0.1:${port}:${port}`]);
      if (name !== 'gateway') {
        const variable = `${name.toUpperCase().replace(/-/g, '_')}_URL`;
        expect([name, compose.services.gateway.environment?.[variable]]).toEqual([name, `http://${name}:${port}`]);
      }
    }
  });

  it('would report a service whose required variable is missing, and refuses to start without the secrets', async () => {
    const load = await configLoaderOf('invitations');
    const environment = processEnvironment('invitations', sampleSecrets());
    delete environment.EMAIL_PAYLOAD_KEY;
    expect(() => load(environment)).toThrow(/EMAIL_PAYLOAD_KEY/);
    expect(() => processEnvironment('invitations', {})).toThrow(/refuses to start: set GATEWAY_API_TOKEN/);
  });

  it('gives the gateway the issuer the identity provider announces, under a name both the browser and the gateway reach', async () => {
    const secrets = sampleSecrets();
    const provider = processEnvironment('identity-provider', secrets);
    const gateway = (await configLoaderOf('gateway'))(processEnvironment('gateway', secrets)) as { oidcIssuer: string };
    // One string: the gateway hands it to the browser (/api/client-config) and checks tokens' `iss` against it.
    expect(gateway.oidcIssuer).toBe(provider.IDP_ISSUER);
    const issuer = new URL(gateway.oidcIssuer);
    // Inside the network: the provider's service name or one of its aliases on the gateway's network, on its port,
    // listening on every interface of its container.
    const aliases = compose.services['identity-provider'].networks?.default?.aliases ?? [];
    expect(['identity-provider', ...aliases]).toContain(issuer.hostname);
    expect(compose.services.gateway.networks).toBeUndefined();
    expect(issuer.port).toBe(provider.IDP_PORT);
    expect(provider.IDP_HOST).toBe('0.0.0.0');
    // Outside: browsers resolve *.localhost to the loopback address, where the same port is published.
    expect(issuer.hostname).toMatch(/\.localhost$/);
    expect(compose.services['identity-provider'].ports).toContain(`127.0.0.1:${issuer.port}:${provider.IDP_PORT}`);
    // It sends the browser back to the web app where the gateway publishes it.
    expect(provider.GATEWAY_PUBLIC_URL).toBe(`http://localhost:${processEnvironment('gateway', secrets).PORT}`);
  });

  it("keeps Kafka's data on a named volume", () => {
    const kafka = compose.services.kafka;
    const dataDir = String(kafka.environment?.KAFKA_LOG_DIRS);
    const mounts = (kafka.volumes ?? []).map((volume) => volume.split(':'));
    const mount = mounts.find(([, target]) => target === dataDir);
    expect(mount).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(mount![0]);
  });

  it('checks the health of every long-running service', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (isOneShot(service)) continue;
      expect([name, service.healthcheck?.test?.length ?? 0]).not.toEqual([name, 0]);
      expect([name, service.healthcheck?.disable]).not.toEqual([name, true]);
    }
    for (const name of workspaceServices()) {
      expect(compose.services[name].healthcheck?.test).toEqual(['CMD', 'node', '/app/healthcheck.mjs']);
    }
  });

  it("migrates each service's database once, before the service starts, with the service's own image and settings", () => {
    const secrets = sampleSecrets();
    for (const name of workspaceServices().filter(hasMigrations)) {
      const migrate = compose.services[`${name}-migrate`];
      expect(migrate).toBeDefined();
      expect(migrate.command).toEqual(['node', `services/${name}/dist/migrate.js`]);
      expect(isOneShot(migrate)).toBe(true);
      expect(migrate.build).toEqual(compose.services[name].build);
      expect(migrate.image).toBe(compose.services[name].image);
      expect(processEnvironment(`${name}-migrate`, secrets)).toEqual(processEnvironment(name, secrets));
      expect(migrate.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
      expect(compose.services[name].depends_on?.[`${name}-migrate`]).toEqual({
        condition: 'service_completed_successfully',
      });
    }
    expect(workspaceServices().filter(hasMigrations)).toHaveLength(SERVICE_DATABASES.length);
  });

  it('builds slim images: production dependencies only, a non-root user, a health check, the service chosen by SERVICE', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    const runtime = stages[stages.length - 1];
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24[\w.-]*-slim$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^ARG SERVICE$/m);
    const users = [...runtime.matchAll(/^USER (\S+)/gm)].map(([, user]) => user);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users[users.length - 1]);
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "\/app\/healthcheck\.mjs"\]$/m);
    expect(runtime).toContain('dist/main.js');
    // The runtime stage takes nothing from the build context but the health check script.
    const fromContext = [...runtime.matchAll(/^COPY (?!--from)(.*)$/gm)].map(([, what]) => what);
    expect(fromContext).toEqual(['infra/docker/healthcheck.mjs /app/healthcheck.mjs']);
  });

  it("keeps secrets, the host's installs and builds, and tests out of the build context", () => {
    for (const pattern of ['.env', '**/.env', '.local', 'node_modules', '**/node_modules', '**/dist', '**/test']) {
      expect(dockerignore).toContain(pattern);
    }
    // Re-included files would come after the exclusions; only the template of .env may come back.
    const reincluded = dockerignore.filter((line) => line.startsWith('!'));
    expect(reincluded.every((line) => line.endsWith('.env.example'))).toBe(true);
  });
});
