import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
// Through the index, which loads reflect-metadata for the catalogue's decorators.
import {
  DlqHeaders,
  ErpDocumentType,
  EventCatalogue,
  EventEnvelopeV1,
  eventHeaders,
  findEventDefinition,
  Topics,
  type EventDefinition,
  type EventEnvelope,
} from './index';

// docs/events.md is the event contract partners and other teams read; this keeps it from drifting from the classes
// that actually validate events. Every check collects sentences, so that one run names every discrepancy.

const DOC = 'docs/events.md';
const doc = readFileSync(join(__dirname, '..', '..', '..', DOC), 'utf8');

type Shape = 'value' | 'object' | 'list';

/** One payload field, nested ones by their dotted path (`address.line2`). */
interface Field {
  path: string;
  optional: boolean;
  shape: Shape;
}

const shown = (field: Pick<Field, 'path' | 'optional'>) => `\`${field.path}${field.optional ? '?' : ''}\``;
const nameOf = (definition: Pick<EventDefinition, 'type' | 'version'>) => `${definition.type} v${definition.version}`;

// ---- what the classes say -------------------------------------------------------------------------------------

/** The class a nested property holds, from class-transformer's `@Type` (which also looks in the ancestors). */
function nestedType(target: new () => object, property: string): (new () => object) | undefined {
  return defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction() as (new () => object) | undefined;
}

/**
 * Every property a validation class declares, inherited and nested ones included. Optional means what the
 * contracts' validation means by it: any conditional rule, `@IsOptional()` or `@ValidateIf()` (the catalogue
 * test reads it the same way). Unlike api-contracts, the event contracts have no `@Nullable()` (present but null),
 * so every conditional rule makes a field `?`.
 */
function fieldsOfClass(type: new () => object, prefix = ''): Field[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const properties = [...new Set(metadata.map((rule) => rule.propertyName))];
  return properties.flatMap((property) => {
    const rules = metadata.filter((rule) => rule.propertyName === property);
    const nested = nestedType(type, property);
    const list = rules.some(
      (rule) => rule.name === 'isArray' || (rule.type === ValidationTypes.NESTED_VALIDATION && rule.each),
    );
    const field: Field = {
      path: `${prefix}${property}`,
      optional: rules.some((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION),
      shape: nested ? (list ? 'list' : 'object') : 'value',
    };
    return [field, ...(nested ? fieldsOfClass(nested, `${field.path}.`) : [])];
  });
}

// ---- what the page says ---------------------------------------------------------------------------------------

interface Heading {
  level: number;
  text: string;
  slug: string;
  /** Index of the heading's line. */
  start: number;
  /** Index of the first line after its section (subsections included). */
  end: number;
}

interface Table {
  header: string[];
  rows: Array<{ cells: string[]; line: number }>;
}

const lines = doc.split('\n');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

const headings: Heading[] = (() => {
  const found: Array<Omit<Heading, 'end'>> = [];
  let fenced = false;
  lines.forEach((line, index) => {
    if (line.startsWith('```')) fenced = !fenced;
    const match = fenced ? null : /^(#{1,6}) (.+)$/.exec(line);
    if (match)
      found.push({ level: match[1].length, text: match[2].trim(), slug: slugOf(match[2].trim()), start: index });
  });
  return found.map((heading, i) => {
    const next = found.slice(i + 1).find((other) => other.level <= heading.level);
    return { ...heading, end: next ? next.start : lines.length };
  });
})();

/** The cells of a table line; `\|` is a pipe inside a cell. */
function cellsOf(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** The tables of a heading's section, subsections included. */
function tablesIn(heading: Heading): Table[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  for (let index = heading.start + 1; index < heading.end; index += 1) {
    const line = lines[index];
    if (!line.trim().startsWith('|')) {
      current = undefined;
    } else if (!current) {
      current = { header: cellsOf(line), rows: [] };
      tables.push(current);
    } else if (!/^\|[\s|:-]+\|$/.test(line.trim())) {
      current.rows.push({ cells: cellsOf(line), line: index + 1 });
    }
  }
  return tables;
}

function headingWithSlug(slug: string): Heading | undefined {
  return headings.find((heading) => heading.slug === slug);
}

/** The first table of a section whose first column is headed `first`. */
function tableOf(slug: string, first: string): Table | undefined {
  const heading = headingWithSlug(slug);
  return heading && tablesIn(heading).find((table) => table.header[0] === first);
}

/** A field name as the first cell of a `| field | type | meaning |` row: `name` or `name?`. */
function fieldOfRow(cell: string): Field | undefined {
  const match = /^`([A-Za-z][A-Za-z0-9]*)(\?)?`$/.exec(cell);
  return match ? { path: match[1], optional: Boolean(match[2]), shape: 'value' } : undefined;
}

/** The index just past the parenthesis that closes the one at `start` (backtick spans may hold anything). */
function pastParentheses(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    if (text[i] === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Reads a payload cell: field names in backticks (`name`, optional `name?`), a nested object as `name` {…}, a list
 * of objects as `name` [{…}]; everything in parentheses is explanation (types, values, examples) and skipped.
 */
function parsePayload(cell: string): { fields: Field[]; errors: string[] } {
  const fields: Field[] = [];
  const errors: string[] = [];
  const open: Array<{ parent: Field; kind: 'object' | 'list' }> = [];
  let last: Field | undefined;
  let i = 0;
  while (i < cell.length) {
    const rest = cell.slice(i);
    if (cell[i] === '`') {
      const close = cell.indexOf('`', i + 1);
      if (close < 0) {
        errors.push('a backtick is never closed');
        break;
      }
      const token = cell.slice(i + 1, close);
      const match = /^([A-Za-z][A-Za-z0-9]*)(\?)?$/.exec(token);
      if (match) {
        const prefix = open.length > 0 ? `${open[open.length - 1].parent.path}.` : '';
        last = { path: `${prefix}${match[1]}`, optional: Boolean(match[2]), shape: 'value' };
        fields.push(last);
      } else {
        errors.push(`\`${token}\` stands outside parentheses, where only field names belong`);
      }
      i = close + 1;
    } else if (cell[i] === '(') {
      const past = pastParentheses(cell, i);
      if (past < 0) {
        errors.push('a parenthesis is never closed');
        break;
      }
      i = past;
    } else if (cell[i] === '{' || /^\[\s*\{/.test(rest)) {
      const kind = cell[i] === '{' ? 'object' : 'list';
      if (!last || last.shape !== 'value') errors.push(`a ${kind === 'object' ? '{' : '[{'} follows no field name`);
      else {
        last.shape = kind;
        open.push({ parent: last, kind });
      }
      last = undefined;
      i = cell.indexOf('{', i) + 1;
    } else if (cell[i] === '}') {
      const closesList = /^\}\s*\]/.test(rest);
      const closed = open.pop();
      if (!closed) errors.push('a } closes nothing');
      else if ((closed.kind === 'list') !== closesList) {
        errors.push(
          `\`${closed.parent.path}\` opens with ${closed.kind === 'list' ? '[{' : '{'} but closes with ${closesList ? '}]' : '}'}`,
        );
      }
      last = undefined;
      i = closesList ? cell.indexOf(']', i) + 1 : i + 1;
    } else {
      i += 1;
    }
  }
  for (const unclosed of open) errors.push(`the nested fields of \`${unclosed.parent.path}\` are never closed`);
  return { fields, errors };
}

/** One `Type` vN row of a topic's table. */
interface DocumentedEvent {
  type: string;
  version: number;
  topic: string;
  line: number;
  key?: string;
  fields: Field[];
}

/** Topic sections: `## \`topic\``. */
const topicSections = headings
  .filter((heading) => heading.level === 2 && /^`[^`]+`$/.test(heading.text))
  .map((heading) => ({ topic: heading.text.slice(1, -1), heading }));

/** Every event row of every topic table, and every sentence about rows the checks cannot read. */
const { documented, formatProblems } = (() => {
  const events: DocumentedEvent[] = [];
  const problems: string[] = [];
  for (const { topic, heading } of topicSections) {
    for (const table of tablesIn(heading).filter((t) => t.header[0] === 'event')) {
      const keyColumn = table.header.indexOf('key');
      const payloadColumn = table.header.findIndex((title) => title.startsWith('payload'));
      if (keyColumn < 0 || payloadColumn < 0) {
        problems.push(
          `${DOC}, line ${table.rows[0]?.line ?? '?'}: the event table of \`${topic}\` needs a "key" and a "payload" column`,
        );
        continue;
      }
      // "payload, besides [the ERP scope](#erp-scope)": the fields of that section's table belong to every row.
      const base: Field[] = [];
      const anchor = /\]\(#([a-z0-9_-]+)\)/.exec(table.header[payloadColumn])?.[1];
      if (anchor) {
        const shared = tableOf(anchor, 'field');
        if (!shared)
          problems.push(`${DOC}: the payload column of \`${topic}\` refers to #${anchor}, which has no field table`);
        for (const row of shared?.rows ?? []) {
          const field = fieldOfRow(row.cells[0]);
          if (field) base.push(field);
          else problems.push(`${DOC}, line ${row.line}: "${row.cells[0]}" is not a field name in backticks`);
        }
      }
      for (const row of table.rows) {
        const name = /^`([A-Z][A-Za-z0-9]*)` v(\d+)$/.exec(row.cells[0]);
        if (!name) {
          problems.push(
            `${DOC}, line ${row.line}: "${row.cells[0]}" should name one event version, like \`ContactUpserted\` v1`,
          );
          continue;
        }
        const parsed = parsePayload(row.cells[payloadColumn] ?? '');
        for (const error of parsed.errors) problems.push(`${DOC}, line ${row.line} (${name[1]} v${name[2]}): ${error}`);
        events.push({
          type: name[1],
          version: Number(name[2]),
          topic,
          line: row.line,
          key: /^`([^`]+)`$/.exec(row.cells[keyColumn] ?? '')?.[1],
          fields: [...base, ...parsed.fields],
        });
      }
    }
  }
  return { documented: events, formatProblems: problems };
})();

/** The sentences that say how a documented field list differs from a class's. */
function fieldProblems(subject: string, className: string, documentedFields: Field[], actual: Field[]): string[] {
  const problems: string[] = [];
  const byPath = new Map<string, Field>();
  for (const field of documentedFields) {
    if (byPath.has(field.path)) problems.push(`${DOC} lists ${shown(field)} twice for ${subject}`);
    byPath.set(field.path, field);
  }
  const expected = new Map(actual.map((field) => [field.path, field]));
  for (const field of actual) {
    const listed = byPath.get(field.path);
    if (!listed) {
      problems.push(`${DOC} does not list ${shown(field)} for ${subject}, but ${className} has it`);
    } else if (listed.optional && !field.optional) {
      problems.push(`${DOC} lists ${shown(listed)} for ${subject}, but the class requires it`);
    } else if (!listed.optional && field.optional) {
      problems.push(
        `${DOC} lists ${shown(listed)} for ${subject} as required, but the class makes it optional (${shown(field)})`,
      );
    }
    const words: Record<Shape, string> = {
      value: 'a plain value',
      object: 'one object {…}',
      list: 'a list of objects [{…}]',
    };
    if (listed && listed.shape !== field.shape) {
      problems.push(
        `${DOC} shows ${shown(listed)} of ${subject} as ${words[listed.shape]}, but the class holds ${words[field.shape]}`,
      );
    }
  }
  for (const field of byPath.values()) {
    if (!expected.has(field.path))
      problems.push(`${DOC} lists ${shown(field)} for ${subject}, but ${className} has no such field`);
  }
  return problems;
}

// ---- the checks -----------------------------------------------------------------------------------------------

describe(`${DOC}, the event contract, says what libs/contracts implements`, () => {
  it('is written in the form these checks read', () => {
    expect(formatProblems).toEqual([]);
  });

  it('has a section for every topic, and none for a topic that does not exist', () => {
    const topics: string[] = Object.values(Topics);
    const sections = topicSections.map((section) => section.topic);
    const problems = [
      ...topics
        .filter((t) => !sections.includes(t))
        .map((t) => `${DOC} has no section "## \`${t}\`" for the topic ${t}`),
      ...sections
        .filter((s) => !topics.includes(s))
        .map((s) => `${DOC} has a section for \`${s}\`, which topics.ts does not define`),
    ];
    expect(problems).toEqual([]);
  });

  it('lists every event version of the catalogue once, under its topic', () => {
    const problems = EventCatalogue.flatMap((definition) => {
      const rows = documented.filter((row) => row.type === definition.type && row.version === definition.version);
      if (rows.length === 0)
        return [`${DOC} does not list ${nameOf(definition)}, which the catalogue publishes to ${definition.topic}`];
      return [
        ...(rows.length > 1
          ? [`${DOC} lists ${nameOf(definition)} ${rows.length} times (lines ${rows.map((r) => r.line).join(', ')})`]
          : []),
        ...rows
          .filter((row) => row.topic !== definition.topic)
          .map(
            (row) =>
              `${DOC} lists ${nameOf(definition)} under \`${row.topic}\` (line ${row.line}), but it is published to ${definition.topic}`,
          ),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('names only event versions the catalogue has', () => {
    const named = [...doc.matchAll(/`([A-Z][A-Za-z0-9]*)` (?:v|version )(\d+)\b/g)];
    const problems = named
      .filter(([, type, version]) => !findEventDefinition(type, Number(version)))
      .map(([, type, version]) => `${DOC} names ${type} v${version}, which is not in the catalogue (catalogue.ts)`);
    expect([...new Set(problems)]).toEqual([]);
  });

  it('lists exactly the payload fields of each version, with `?` on the optional ones and only on them', () => {
    const problems = documented.flatMap((row) => {
      const definition = findEventDefinition(row.type, row.version);
      if (!definition) return [];
      return fieldProblems(nameOf(row), definition.payload.name, row.fields, fieldsOfClass(definition.payload));
    });
    expect(problems).toEqual([]);
  });

  it("gives each version's Kafka key as its definition computes it", () => {
    // Every payload field reads as its own name, so a key function spells out which fields it joins.
    const payload = new Proxy(
      {},
      { get: (_target, property) => (typeof property === 'string' ? property : undefined) },
    );
    const problems = documented.flatMap((row) => {
      const definition = findEventDefinition(row.type, row.version);
      if (!definition) return [];
      const envelope = { tenantId: 'tenantId', type: row.type, version: row.version, payload } as EventEnvelope<object>;
      const key = definition.key(envelope);
      if (row.key === key) return [];
      return [
        row.key === undefined
          ? `${DOC} gives no key in backticks for ${nameOf(row)} (line ${row.line}); its definition computes \`${key}\``
          : `${DOC} gives \`${row.key}\` as the key of ${nameOf(row)}, but its definition computes \`${key}\``,
      ];
    });
    expect(problems).toEqual([]);
  });

  it('describes the envelope as EventEnvelopeV1 validates it', () => {
    const table = tableOf('envelope', 'field');
    const listed = (table?.rows ?? []).map(
      (row) => fieldOfRow(row.cells[0]) ?? { path: row.cells[0], optional: false, shape: 'value' as const },
    );
    const problems = table
      ? fieldProblems('the envelope', 'EventEnvelopeV1', listed, fieldsOfClass(EventEnvelopeV1))
      : [`${DOC} has no "## Envelope" section with a | field | type | meaning | table`];
    expect(problems).toEqual([]);
  });

  it('names the Kafka headers every message carries', () => {
    const table = tableOf('kafka-headers', 'header');
    const listed = (table?.rows ?? []).map((row) => row.cells[0]);
    const written = Object.keys(
      eventHeaders({ type: 'T', version: 1, eventId: 'e', tenantId: 't', correlationId: 'c' }),
    );
    expect({ headers: listed }).toEqual({ headers: written.map((header) => `\`${header}\``) });
  });

  it('names every header a dead letter carries, as libs/messaging writes them', () => {
    const table = tableOf('dead-letters', 'header');
    const listed = (table?.rows ?? []).map((row) => row.cells[0]);
    expect({ headers: listed }).toEqual({ headers: Object.values(DlqHeaders).map((header) => `\`${header}\``) });
  });

  it("translates every ERP document type into the partner's words", () => {
    const table = tableOf('erp-document-types', '`documentType` (ERP)');
    const listed = (table?.rows ?? []).map((row) => row.cells[0]);
    expect({ documentTypes: listed }).toEqual({
      documentTypes: Object.values(ErpDocumentType).map((type) => `\`${type}\``),
    });
  });
});
