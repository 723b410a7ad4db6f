import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { platformTopicSpecs } from '@partner-portal/contracts';
import { kafkaVersion, repoRoot, SERVICE_DATABASES } from '@partner-portal/infra';

interface ComposeFile {
  services: Record<
    string,
    { image?: string; command?: string[]; volumes?: string[]; build?: unknown; environment?: Record<string, string> }
  >;
}

const compose: ComposeFile = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'));

const servicesDir = join(repoRoot, 'services');
const packageOf = (name: string) =>
  JSON.parse(readFileSync(join(servicesDir, name, 'package.json'), 'utf8')) as { portal?: { static?: boolean } };

/** Folders under services/ with a package.json: running services, and static apps (`portal.static`). */
function workspaceProjects(isStatic: boolean): string[] {
  if (!existsSync(servicesDir)) return [];
  return readdirSync(servicesDir)
    .filter((name) => existsSync(join(servicesDir, name, 'package.json')))
    .filter((name) => Boolean(packageOf(name).portal?.static) === isStatic);
}
const workspaceServices = () => workspaceProjects(false);

/** The names of `services` that have no entry in the compose file. */
function missingFromCompose(file: ComposeFile, services: string[]): string[] {
  return services.filter((name) => !(name in file.services));
}

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
    expect(readFileSync(join(repoRoot, 'infra/docker/service.Dockerfile'), 'utf8')).toContain('tools/dev/build-web.ts');
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

  it('creates exactly the topics libs/contracts defines, with their partition counts', () => {
    const script = compose.services['kafka-topics'].command!.join('\n');
    const created = [...script.matchAll(/^\s+([a-z][a-z.-]+):(\d+)/gm)].map(([, name, partitions]) => ({
      name,
      partitions: Number(partitions),
    }));
    expect(created).toEqual(platformTopicSpecs());
  });

  it('gives PostgreSQL an init script that creates one database per service, the same as infra:up', () => {
    expect(compose.services.postgres.volumes).toContain('./infra/postgres/init:/docker-entrypoint-initdb.d:ro');
    const sql = readFileSync(join(repoRoot, 'infra/postgres/init/01-create-databases.sql'), 'utf8');
    const created = [...sql.matchAll(/^CREATE DATABASE (\w+);/gm)].map(([, name]) => name);
    expect(created).toEqual([...SERVICE_DATABASES]);
  });
});
