/**
 * Escapes LIKE's wildcards (`%`, `_`) and its escape character (`\`, PostgreSQL's default), so that text typed into
 * a search box matches literally.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The pattern of a case-insensitive "contains" search, for `lower(column) LIKE $n`: the text lower-cased, escaped,
 * between `%`.
 */
export function containsPattern(search: string): string {
  return `%${escapeLike(search.toLowerCase())}%`;
}
