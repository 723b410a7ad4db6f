import type { AsyncApiDocument, JsonSchema } from '@partner-portal/contracts';

/** One field of a message, as the page lists it. */
interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  rules: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The page shows the Markdown of descriptions as text, with `code` set apart and nothing else interpreted. */
const prose = (text: unknown) =>
  escapeHtml(String(text ?? '')).replace(/`([^`]+)`/g, (_match, code: string) => `<code>${code}</code>`);

function resolve(document: AsyncApiDocument, schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema;
  const found = schema.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
  return resolve(document, found as JsonSchema);
}

/** The one schema under a nullable `anyOf`, with whether `null` is allowed too. */
function unwrapNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  const types = schema.type;
  const nonNull = anyOf?.find((s) => s.type !== 'null');
  if (nonNull && anyOf?.some((s) => s.type === 'null')) return { schema: nonNull, nullable: true };
  if (Array.isArray(types) && types.includes('null')) {
    return { schema: { ...schema, type: types.filter((t) => t !== 'null')[0] }, nullable: true };
  }
  return { schema, nullable: false };
}

function typeOf(document: AsyncApiDocument, schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const resolved = resolve(document, schema);
  if (resolved.type === 'array') return `${typeOf(document, (resolved.items as JsonSchema) ?? {})}[]`;
  return typeof resolved.type === 'string' ? resolved.type : 'any';
}

function rulesOf(schema: JsonSchema): string {
  const rules: string[] = [];
  if (Array.isArray(schema.enum))
    rules.push(
      `one of ${schema.enum
        .filter((v) => v !== null)
        .map((v) => `\`${v}\``)
        .join(', ')}`,
    );
  if (schema.format) rules.push(`format \`${schema.format}\``);
  if (schema.pattern && !schema.format) rules.push(`matches \`${schema.pattern}\``);
  if (schema.minLength !== undefined)
    rules.push(`at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'}`);
  if (schema.maxLength !== undefined) rules.push(`at most ${schema.maxLength} characters`);
  if (schema.minimum !== undefined) rules.push(`>= ${schema.minimum}`);
  if (schema.maximum !== undefined) rules.push(`<= ${schema.maximum}`);
  if (schema.minItems !== undefined) rules.push(`at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
  if (schema.maxItems !== undefined) rules.push(`at most ${schema.maxItems} items`);
  if (schema.description) rules.push(String(schema.description));
  return rules.join('; ');
}

/** Every field of an object schema and of the objects nested in it, by path (`payload.lines[].quantity`). */
function fieldsOf(document: AsyncApiDocument, objectSchema: JsonSchema, prefix = ''): FieldRow[] {
  const object = resolve(document, objectSchema);
  const required = new Set((object.required as string[] | undefined) ?? []);
  const conditional = ((object.allOf as JsonSchema[] | undefined) ?? []).map((c) => c.then as JsonSchema);
  return Object.entries((object.properties as Record<string, JsonSchema>) ?? {}).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const rule = conditional.find((then) => (then.properties as Record<string, JsonSchema>)?.[name]);
    const { schema, nullable } = unwrapNull(rule ? (rule.properties as Record<string, JsonSchema>)[name] : property);
    const resolved = resolve(document, schema);
    const items = resolved.type === 'array' ? resolve(document, (resolved.items as JsonSchema) ?? {}) : undefined;
    const row: FieldRow = {
      path,
      type: `${typeOf(document, schema)}${nullable ? ' | null' : ''}`,
      required: required.has(name),
      rules: [rulesOf(resolved), rule ? String(property.description) : ''].filter(Boolean).join('; '),
    };
    const nested = items?.properties
      ? fieldsOf(document, items, `${path}[].`)
      : resolved.properties
        ? fieldsOf(document, resolved, `${path}.`)
        : [];
    return [row, ...nested];
  });
}

function messageSection(document: AsyncApiDocument, name: string): string {
  const message = document.components.messages[name] as {
    summary: string;
    payload: JsonSchema;
    headers: JsonSchema;
    bindings: { kafka: { key: { description: string } } };
    examples?: Array<{ payload: unknown }>;
  };
  const rows = fieldsOf(document, message.payload)
    .map(
      (f) =>
        `<tr><td><code>${escapeHtml(f.path)}</code></td><td>${escapeHtml(f.type)}</td><td>${f.required ? 'yes' : ''}</td><td>${prose(f.rules)}</td></tr>`,
    )
    .join('\n');
  const headers = Object.keys((message.headers.properties as object) ?? {})
    .map((h) => `<code>${escapeHtml(h)}</code>`)
    .join(', ');
  const example = message.examples?.[0]
    ? `<details><summary>Example</summary><pre>${escapeHtml(JSON.stringify(message.examples[0].payload, null, 2))}</pre></details>`
    : '';
  return `<section id="${escapeHtml(name)}">
<h3>${escapeHtml(name)}</h3>
<p>${prose(message.summary)}. ${prose(message.bindings.kafka.key.description)}. Headers: ${headers}.
<a href="/api/docs/events/schemas/${encodeURIComponent(name)}.json">JSON Schema</a></p>
<table><thead><tr><th>field</th><th>type</th><th>required</th><th>rules</th></tr></thead><tbody>
${rows}
</tbody></table>
${example}
</section>`;
}

/**
 * The events page: every topic with who publishes and consumes it, every message with its fields, key and headers,
 * all from the AsyncAPI document, rendered on the server (no script, so nothing to load from elsewhere).
 */
export function renderEventsPage(document: AsyncApiDocument): string {
  const channels = Object.values(document.channels) as Array<{
    address: string;
    description: string;
    messages: Record<string, unknown>;
  }>;
  const contents = channels
    .map(
      (c) =>
        `<li><a href="#${escapeHtml(c.address)}">${escapeHtml(c.address)}</a>: ${Object.keys(c.messages)
          .map((m) => `<a href="#${escapeHtml(m)}">${escapeHtml(m)}</a>`)
          .join(', ')}</li>`,
    )
    .join('\n');
  const topics = channels
    .map(
      (c) => `<section id="${escapeHtml(c.address)}">
<h2>${escapeHtml(c.address)}</h2>
<p>${prose(c.description)}</p>
${Object.keys(c.messages)
  .map((name) => messageSection(document, name))
  .join('\n')}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(document.info.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
code { background: #f3f3f3; padding: 0 0.2rem; word-break: break-all; }
pre { background: #f6f6f6; padding: 0.75rem; overflow-x: auto; }
h2 { border-bottom: 2px solid #444; margin-top: 2.5rem; }
</style>
</head>
<body>
<h1>${escapeHtml(document.info.title)}</h1>
<p>${prose(document.info.description)}</p>
<p>Machine-readable: <a href="/api/docs/events.json">AsyncAPI 3.0 document</a>; each message links its JSON Schema.</p>
<ul>
${contents}
</ul>
${topics}
</body>
</html>
`;
}
