import type { CodeFormat } from '@/app/api-types';

/** The formats a batch can have; a project's default is one of the first two. */
export type FormatKind = 'random' | 'prefixed' | 'custom';

/** `XXXX-XXXX-XXXX` for 12 characters in groups of 4 (plus one for the check character). */
export function codeFormatPattern(format: CodeFormat): string {
  const total = format.length + (format.checkChar ? 1 : 0);
  const chars = 'X'.repeat(Math.max(0, total));
  const prefix = format.kind === 'prefixed' && format.prefix ? `${format.prefix}-` : '';
  if (!format.groupSize || format.groupSize >= total) return `${prefix}${chars}`;
  return `${prefix}${chars.match(new RegExp(`.{1,${format.groupSize}}`, 'g'))?.join('-') ?? chars}`;
}

export function describeCodeFormat(format: CodeFormat): string {
  const check = format.checkChar ? 'with a check character' : 'no check character';
  const kind = format.kind === 'prefixed' ? `${format.prefix ?? ''} + random` : 'Random';
  return `${kind}, ${format.length} characters, ${check}`;
}
