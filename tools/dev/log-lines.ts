/** How long a field's value may be on a readable line (the service wrote it whole; this is only for reading). */
const MAX_VALUE = 160;

function shown(value: unknown): string {
  const clipped = (text: string) => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text);
  if (typeof value !== 'string') return clipped(JSON.stringify(value));
  // A stack or a multi-line message: its first line says what happened.
  const text = clipped(value.includes('\n') ? `${value.split('\n')[0]} …` : value);
  return /[\s"=]/.test(text) ? JSON.stringify(text) : text;
}

/**
 * A service's log line as `npm start` prints it for people: a JSON record (docs/observability.md) becomes
 * `14:03:11 WARN  [Context] message key=value ...` (the time of day, the level, the logger's context, the message, then
 * the other fields; an error by its message); anything else is printed as it is.
 */
export function readableLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof record !== 'object' || record === null) return line;
  const { level, time, msg, context, err, service: _service, ...fields } = record as Record<string, unknown>;
  if (typeof level !== 'string' || typeof msg !== 'string') return line;
  const parts = [
    typeof time === 'string' ? time.slice(11, 19) : '',
    level.toUpperCase().padEnd(5),
    context ? `[${String(context)}]` : '',
    msg,
  ];
  const errorMessage = (err as { message?: unknown } | undefined)?.message ?? err;
  if (err && errorMessage !== msg) parts.push(`err=${shown(errorMessage)}`);
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) parts.push(`${key}=${shown(value)}`);
  return parts.filter(Boolean).join(' ').trimEnd();
}
