import { getMetadataStorage } from 'class-validator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvVars } from './app-config.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CONFIG_REFERENCE_START =
  '<!-- config-reference:start (generated from backend/src/config/app-config.ts) -->';
export const CONFIG_REFERENCE_END = '<!-- config-reference:end -->';

/** The `/** … *\/` comment right above each variable of the EnvVars class, by name. */
function docComments(source: string): Map<string, string> {
  const docs = new Map<string, string>();
  const body = source.slice(source.indexOf('export class EnvVars'));
  for (const m of body.matchAll(
    /\/\*\*([\s\S]*?)\*\/\s*\n((?:\s*@[^\n]*\n)*?[^\n]*?)\b([A-Z][A-Z0-9_]+)\??(?:: [^=;]+)?\s*[=;]/g,
  )) {
    const text = m[1]!
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .filter(Boolean)
      .join(' ');
    docs.set(m[3]!, text);
  }
  return docs;
}

function shownDefault(value: unknown): string {
  if (value === undefined) return '–';
  if (typeof value === 'string' && value.startsWith(REPO_ROOT))
    return `\`${path.relative(REPO_ROOT, value) || '.'}\` of the checkout`;
  if (value === '') return 'empty';
  return `\`${String(value)}\``;
}

/** What the validators allow, from class-validator's metadata (the same the boot check uses). */
function allowed(name: string): string {
  const metas = getMetadataStorage()
    .getTargetValidationMetadatas(EnvVars, '', true, false)
    .filter((m) => m.propertyName === name);
  const parts: string[] = [];
  for (const m of metas) {
    const constraint = m.constraints?.[0] as unknown;
    if (m.name === 'isIn') parts.push((constraint as string[]).map((v) => `\`${v}\``).join(', '));
    if (m.name === 'min') parts.push(`≥ ${String(constraint)}`);
    if (m.name === 'max') parts.push(`≤ ${String(constraint)}`);
    if (m.name === 'minLength') parts.push(`≥ ${String(constraint)} characters`);
    if (m.name === 'isUrl')
      parts.push(`URL (${(constraint as { protocols?: string[] })?.protocols?.join(', ') ?? 'any scheme'})`);
    if (m.name === 'isEmail') parts.push('an email');
    if (m.name === 'isUuid') parts.push('a UUID');
    if (m.name === 'isInt') parts.push('integer');
  }
  return parts.join('; ');
}

/** The configuration reference of docs/operations.md: every variable the app reads, its default, bounds and meaning. */
export function renderConfigReference(source: string): string {
  const docs = docComments(source);
  const defaults = new EnvVars() as unknown as Record<string, unknown>;
  const names = Object.keys(defaults).concat(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvVars, '', true, false)
      .map((m) => m.propertyName)
      .filter((n) => !(n in defaults)),
  );
  const rows = [...new Set(names)].map((name) => {
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    return `| \`${name}\` | ${cell(shownDefault(defaults[name]))} | ${cell(allowed(name))} | ${cell(docs.get(name) ?? '')} |`;
  });
  return [
    CONFIG_REFERENCE_START,
    '<!-- prettier-ignore-start -->',
    '',
    '| variable | default | allowed | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '<!-- prettier-ignore-end -->',
    CONFIG_REFERENCE_END,
  ].join('\n');
}
