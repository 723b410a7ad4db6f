// `npm run dead-letters -- list|replay ...`: an operator's view of the services' dead letters (what each consumer
// group could not apply) and their replay after a fix, through each service's operator routes on the ports
// `npm start` uses (docs/messaging.md, "Dead letters").
import { join } from 'node:path';
import {
  deadLetterTable,
  parseDeadLettersArgs,
  replayLine,
  USAGE,
  type ListedDeadLetter,
  type ReplayLine,
} from './dead-letters-format';
import { discoverServices, type ServiceManifest } from './services';

const root = join(__dirname, '..', '..');
const host = '127.0.0.1';

async function call(service: ServiceManifest, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`http://${host}:${service.port}${path}`, {
    method,
    headers: {
      'x-internal-token': token,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const answer = (await response.json().catch(() => undefined)) as any;
  if (!response.ok) {
    throw new Error(`${response.status} ${answer?.code ?? ''} ${answer?.detail ?? answer?.title ?? ''}`.trim());
  }
  return answer;
}

async function main(): Promise<number> {
  const command = parseDeadLettersArgs(process.argv.slice(2));
  const token = process.env.OPERATOR_API_TOKEN;
  if (!token)
    throw new Error(`set OPERATOR_API_TOKEN to the operators' token the services were started with\n${USAGE}`);
  // Every service with a database consumes; the gateway has none.
  const consumers = discoverServices(root).filter(
    (s) => s.database && (!command.service || s.name === command.service),
  );
  if (consumers.length === 0) throw new Error(`no consuming service named ${command.service}`);

  if (command.kind === 'list') {
    const items: ListedDeadLetter[] = [];
    let total = 0;
    for (const service of consumers) {
      try {
        const page = await call(
          service,
          'GET',
          `/internal/operator/dead-letters?${new URLSearchParams(command.query)}`,
          token,
        );
        items.push(...page.items);
        total += page.total;
      } catch (error) {
        console.error(`${service.name}: ${(error as Error).message}`);
      }
    }
    items.sort((a, b) => b.deadLetteredAt.localeCompare(a.deadLetteredAt));
    if (items.length > 0) console.log(deadLetterTable(items));
    console.log(`${items.length} shown, ${total} matching in ${consumers.map((s) => s.name).join(', ')}`);
    return 0;
  }

  const found = new Map<string, ReplayLine>();
  for (const service of consumers) {
    try {
      const { outcomes } = await call(service, 'POST', '/internal/operator/dead-letters/replay', token, {
        ids: command.ids,
      });
      for (const outcome of outcomes as ReplayLine[]) {
        if (outcome.outcome !== 'not_found') found.set(outcome.id, { ...outcome, service: service.name });
      }
    } catch (error) {
      console.error(`${service.name}: ${(error as Error).message}`);
    }
  }
  let failures = 0;
  for (const id of command.ids) {
    const line = found.get(id) ?? { id, outcome: 'not_found', reason: null };
    if (line.outcome === 'failed' || line.outcome === 'not_found') failures += 1;
    console.log(replayLine(line));
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
