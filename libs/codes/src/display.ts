import { resolveFormat, storedPrefix, storedSuffix, type CodeFormat } from './format.js';

/**
 * The form shown to people: `7K2Q-M3XA-9PTR` for a random code, `MATHS-7K2Q-M3XA-9PTR` for a
 * prefixed one (the prefix in its display form, e.g. `SOLO-…` for a code stored as `S010…`),
 * `MATHS12` for a Custom Name code. The random part is cut into groups of `groupSize` from the
 * left (`groupSize` 0: one group); a check character is added to the last group.
 *
 * `normalizeCode(formatForDisplay(code, format)) === code` for every normalised `code`, whether it
 * fits the format or not: a code that does not start with the format's prefix (e.g. one an admin
 * edited) is grouped as a whole, and a Custom Name code that does not parse is shown as stored.
 */
export function formatForDisplay(code: string, format: Partial<CodeFormat> = {}): string {
  const resolved = resolveFormat(format);
  const prefix = storedPrefix(resolved);

  if (resolved.kind === 'custom') {
    const rest = code.slice(prefix.length);
    return code.startsWith(prefix) && /^[0-9]+$/.test(rest) ? `${resolved.prefix ?? ''}${rest}` : code;
  }

  const parts: string[] = [];
  let core = code;
  if (prefix && core.startsWith(prefix)) {
    parts.push(resolved.prefix ?? prefix);
    core = core.slice(prefix.length);
  }
  const suffix = storedSuffix(resolved);
  let tail: string | undefined;
  if (suffix && core.length > suffix.length && core.endsWith(suffix)) {
    tail = resolved.suffix;
    core = core.slice(0, core.length - suffix.length);
  }
  // The check character joins the last group rather than standing alone: `N6TF-97NE-WK1ZJ`.
  const checked = resolved.checkChar && core.length === resolved.length + 1;
  const random = checked ? core.slice(0, -1) : core;
  const size = resolved.groupSize === 0 ? Math.max(random.length, 1) : resolved.groupSize;
  const groups: string[] = [];
  for (let i = 0; i < random.length; i += size) groups.push(random.slice(i, i + size));
  if (checked) groups[groups.length - 1] += core.slice(-1);
  parts.push(...groups);
  if (tail) parts.push(tail);
  return parts.join('-');
}
