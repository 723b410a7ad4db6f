// What `npm run dead-letters` reads from its arguments and how it prints the answers (the script is dead-letters.ts).

/** One command of the operator tool. */
export type DeadLettersCommand =
  | { kind: 'list'; service?: string; query: Record<string, string> }
  | { kind: 'replay'; service?: string; ids: string[] };

/** A dead letter as the services' operator route lists it. */
export interface ListedDeadLetter {
  id: string;
  consumerGroup: string;
  topic: string;
  eventId: string | null;
  type: string | null;
  tenantId: string | null;
  reason: string;
  attempts: number;
  deadLetteredAt: string;
  status: string;
  replayAttempts: number;
}

/** What replaying one id did, and at which service. */
export interface ReplayLine {
  id: string;
  outcome: string;
  reason: string | null;
  service?: string;
}

export const USAGE = `usage:
  npm run dead-letters -- list [--service <name>] [--topic <topic>] [--tenant <tenantId>] [--status dead|replayed|all] [--page <n>] [--page-size <n>]
  npm run dead-letters -- replay [--service <name>] <id> [<id>...]
The services' operator routes are called with OPERATOR_API_TOKEN (the operators' token npm start was given).`;

const LIST_OPTIONS: Record<string, string> = {
  '--topic': 'topic',
  '--tenant': 'tenantId',
  '--status': 'status',
  '--page': 'page',
  '--page-size': 'pageSize',
};

/** The command the arguments name; throws the usage with what is wrong. */
export function parseDeadLettersArgs(args: readonly string[]): DeadLettersCommand {
  const [kind, ...rest] = args;
  let service: string | undefined;
  const query: Record<string, string> = {};
  const ids: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '--service' || (kind === 'list' && arg in LIST_OPTIONS)) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      if (arg === '--service') service = value;
      else query[LIST_OPTIONS[arg]] = value;
      i += 1;
    } else if (kind === 'replay' && !arg.startsWith('--')) {
      ids.push(arg);
    } else {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  if (kind === 'list') return { kind, service, query };
  if (kind === 'replay') {
    if (ids.length === 0) throw new Error(`replay needs at least one dead-letter id\n${USAGE}`);
    return { kind, service, ids };
  }
  throw new Error(USAGE);
}

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** Dead letters as a table with a header row, one line each, the reason last and clipped to `reasonWidth`. */
export function deadLetterTable(items: readonly ListedDeadLetter[], reasonWidth = 100): string {
  const rows = [
    ['GROUP', 'ID', 'TYPE', 'TENANT', 'EVENT ID', 'DEAD-LETTERED AT', 'STATUS', 'TRIES', 'REASON'],
    ...items.map((d) => [
      d.consumerGroup,
      d.id,
      d.type ?? '-',
      d.tenantId ?? '-',
      d.eventId ?? '-',
      d.deadLetteredAt,
      d.status,
      `${d.attempts}+${d.replayAttempts}`,
      clip(d.reason.replace(/\s+/g, ' '), reasonWidth),
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '))
    .join('\n');
}

/** One line per replayed id: the id, the outcome, where, and why it failed. */
export function replayLine(line: ReplayLine): string {
  const where = line.service ? ` (${line.service})` : '';
  const why = line.reason ? `: ${line.reason}` : '';
  return `${line.id}  ${line.outcome}${where}${why}`;
}
