import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvVars } from './app-config.js';
import { CONFIG_REFERENCE_END, CONFIG_REFERENCE_START, renderConfigReference } from './config-reference.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OPERATIONS = path.resolve(here, '../../../docs/operations.md');
const SOURCE = path.join(here, 'app-config.ts');

describe('the configuration reference of docs/operations.md', () => {
  it('is the one generated from the config schema (UPDATE_DOCS=1 rewrites it)', () => {
    const doc = readFileSync(OPERATIONS, 'utf8');
    const start = doc.indexOf(CONFIG_REFERENCE_START);
    const end = doc.indexOf(CONFIG_REFERENCE_END);
    expect(start).toBeGreaterThan(-1);
    const generated = renderConfigReference(readFileSync(SOURCE, 'utf8'));
    const current = doc.slice(start, end + CONFIG_REFERENCE_END.length);
    if (process.env.UPDATE_DOCS === '1' && current !== generated)
      writeFileSync(OPERATIONS, doc.replace(current, generated));
    expect(current).toBe(generated);
  });

  it('names every variable the app reads, each with its meaning', () => {
    const table = renderConfigReference(readFileSync(SOURCE, 'utf8'));
    for (const name of Object.keys(new EnvVars())) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect({ name, described: !!row && !row.endsWith('|  |') }).toEqual({ name, described: true });
    }
    for (const name of ['METRICS_TOKEN', 'ADMIT_SECRET', 'PUBLIC_URL'])
      expect(table).toContain(`| \`${name}\` |`);
  });
});
