import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaAclsOf, KafkaPrincipals, TopicPartitions, Topics, type KafkaAcl } from '@partner-portal/contracts';
import { repoRoot } from '@partner-portal/infra';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

/** The rows of the principals table in docs/messaging.md, as kafkaAclsOf derives them without a topic prefix. */
function aclTableRows(): string[] {
  const names = (acls: KafkaAcl[], type: KafkaAcl['resourceType'], operation: KafkaAcl['operation']) =>
    acls
      .filter((a) => a.resourceType === type && a.operation === operation)
      .map((a) => `\`${a.resourceName}${a.patternType === 'prefixed' ? '*' : ''}\``)
      .join(', ') || '—';
  return Object.values(KafkaPrincipals).map((principal) => {
    const acls = kafkaAclsOf(principal);
    const cells = [`\`${principal}\``, ...(['write', 'read'] as const).map((op) => names(acls, 'topic', op))];
    return `| ${[...cells, names(acls, 'group', 'read')].join(' | ')} |`;
  });
}

describe('the docs say what the code does', () => {
  it('gives the two newcomer commands in the first lines of the README', () => {
    const head = read('README.md').split('\n').slice(0, 10).join('\n');
    expect(head).toContain('npm start');
    expect(head).toContain('npm test');
  });

  it('lists every topic with its partition count and dead-letter twin in docs/infrastructure.md', () => {
    const rows = [
      ...read('docs/infrastructure.md').matchAll(/^\| `([a-z.-]+)` \| (\d+) \| .* \| `([a-z.-]+)` \((\d+)\) \|$/gm),
    ];
    const documented = Object.fromEntries(rows.map(([, topic, partitions]) => [topic, Number(partitions)]));
    expect(documented).toEqual(TopicPartitions);
    for (const [, topic, , dlq, dlqPartitions] of rows) {
      expect(dlq).toBe(`${topic}.dlq`);
      expect(Number(dlqPartitions)).toBe(TopicPartitions[topic as (typeof Topics)[keyof typeof Topics]]);
    }
  });

  it('shows each Kafka principal with the ACLs the contracts derive, in docs/messaging.md', () => {
    const doc = read('docs/messaging.md');
    const table = doc.slice(doc.indexOf('<!-- acl-table'));
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual(aclTableRows());
  });

  it('has CI run the README test command', () => {
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });
});
