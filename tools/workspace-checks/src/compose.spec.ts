import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { platformTopicSpecs } from '@partner-portal/contracts';
import { kafkaVersion, repoRoot, SERVICE_DATABASES } from '@partner-portal/infra';

interface ComposeFile {
  services: Record<string, { image?: string; command?: string[]; volumes?: string[]; build?: unknown }>;
}

const compose: ComposeFile = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'));

/** Services under services/ (folders with a package.json). */
function workspaceServices(): string[] {
  const dir = join(repoRoot, 'services');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => existsSync(join(dir, name, 'package.json')));
}

/** The names of `services` that have no entry in the compose file. */
function missingFromCompose(file: ComposeFile, services: string[]): string[] {
  return services.filter((name) => !(name in file.services));
}

describe('docker-compose.yml', () => {
  it('has an entry for every service under services/', () => {
    expect(missingFromCompose(compose, workspaceServices())).toEqual([]);
  });

  it('would report a service that has no entry', () => {
    expect(missingFromCompose(compose, [...workspaceServices(), 'a-service-nobody-added'])).toEqual([
      'a-service-nobody-added',
    ]);
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
