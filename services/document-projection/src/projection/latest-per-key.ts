/**
 * One event per key, the one with the highest ERP version (the later one on a tie). A batch may hold several
 * versions of one document, and one SQL upsert may not touch a row twice.
 */
export function latestPerKey<T>(items: readonly T[], key: (item: T) => string, version: (item: T) => number): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const current = latest.get(k);
    if (!current || version(item) >= version(current)) latest.set(k, item);
  }
  return [...latest.values()];
}
