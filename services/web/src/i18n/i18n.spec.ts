import de from './de.json';
import en from './en.json';
import nl from './nl.json';

/** Business Central's own name of the page, untranslated in its Dutch and German versions too. */
const PRODUCT_NAME = 'Collaborate & Exchange';

type Messages = { [key: string]: string | Messages };

/** Every key of a message tree, plural forms folded (`x_one`, `x_other` -> `x`). */
function keys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`]
      : keys(value, `${prefix}${key}.`),
  );
}

/** `{{name}}` placeholders of every message. */
function placeholders(messages: Messages, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string')
      found.set(
        `${prefix}${key}`,
        [...value.matchAll(/{{(\w+)}}/g)]
          .map((m) => m[1])
          .sort()
          .join(','),
      );
    else for (const [k, v] of placeholders(value, `${prefix}${key}.`)) found.set(k, v);
  }
  return found;
}

describe('the three languages', () => {
  const english = new Set(keys(en));

  it.each([
    ['nl', nl],
    ['de', de],
  ])('%s has every message English has, and nothing English lacks', (_, messages) => {
    const other = new Set(keys(messages as Messages));
    expect([...english].filter((k) => !other.has(k))).toEqual([]);
    expect([...other].filter((k) => !english.has(k))).toEqual([]);
  });

  it.each([
    ['nl', nl],
    ['de', de],
  ])('%s fills in the same values as English in each message', (_, messages) => {
    const expected = placeholders(en);
    const actual = placeholders(messages as Messages);
    const differing = [...expected].filter(([key, names]) => actual.has(key) && actual.get(key) !== names);
    expect(differing).toEqual([]);
  });

  it.each([
    ['nl', nl],
    ['de', de],
  ])('%s is translated, not a copy of English', (_, messages) => {
    const same = [...placeholders(en).keys()].filter((key) => {
      const pick = (tree: Messages) => key.split('.').reduce<unknown>((node, part) => (node as Messages)?.[part], tree);
      const text = pick(en);
      // Names and codes read the same in every language; so does the ERP's name of the page.
      return (
        typeof text === 'string' && text.length > 12 && text !== PRODUCT_NAME && text === pick(messages as Messages)
      );
    });
    expect(same).toEqual([]);
  });
});
