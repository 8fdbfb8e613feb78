/**
 * A Postgres array literal (`{"a","b",NULL}`) to pass as ONE parameter and cast in SQL
 * (`?::text[]`). MikroORM's `execute` would spread a JS array into a list of parameters, and
 * one array parameter keeps set-based statements at a fixed number of parameters whatever the row count.
 */
export function pgArray(values: readonly (string | number | bigint | null | undefined)[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    return `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/** `\`, `%` and `_` taken literally in a LIKE pattern. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}
