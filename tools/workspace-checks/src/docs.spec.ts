import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TopicPartitions, Topics } from '@partner-portal/contracts';
import { repoRoot } from '@partner-portal/infra';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

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

  it('has CI run the README test command', () => {
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });
});
