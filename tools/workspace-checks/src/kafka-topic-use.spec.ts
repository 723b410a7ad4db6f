import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as contracts from '@partner-portal/contracts';
import { KafkaPrincipals, KafkaTopicUses, type EventDefinition, type KafkaPrincipal } from '@partner-portal/contracts';
import { repoRoot } from '@partner-portal/infra';

/** The non-test TypeScript sources of a service. */
function sources(service: string): string[] {
  const root = join(repoRoot, 'services', service, 'src');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => readFileSync(join(root, file), 'utf8'));
}

/** The topics of the catalogue events a service's sources name after `pattern` (an identifier follows it). */
function topicsNamed(service: string, pattern: RegExp): Set<string> {
  const definitions = contracts as unknown as Record<string, EventDefinition | undefined>;
  const names = sources(service).flatMap((code) => [...code.matchAll(pattern)].map((match) => match[1]));
  return new Set(names.flatMap((name) => (definitions[name]?.topic ? [definitions[name].topic] : [])));
}

// The ACLs are derived from KafkaTopicUses: a handler or event the declaration lacks would be refused by the broker.
describe("each service's declared topic use matches its code", () => {
  const services = Object.values(KafkaPrincipals).filter(
    (principal): principal is KafkaPrincipal =>
      principal !== KafkaPrincipals.Gateway && principal !== KafkaPrincipals.Connector,
  );

  it.each(services)('%s consumes exactly the topics its handlers subscribe to', (service) => {
    const handled = topicsNamed(service, /@OnEvent(?:Batch)?\(\s*(\w+)/g);
    expect([...handled].sort()).toEqual([...KafkaTopicUses[service].consumes].sort());
  });

  it.each(services)('%s publishes only to its declared topics', (service) => {
    const published = topicsNamed(service, /outbox\.create\(\s*(\w+)/g);
    for (const topic of published) expect(KafkaTopicUses[service].publishes).toContain(topic);
  });
});
