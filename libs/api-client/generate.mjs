// Regenerates src/schema.ts from openapi.json (which `node backend/dist/cli.js openapi` writes).
// `--check` fails when either file is out of date, so CI catches a client that drifted from the API.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const HEADER =
  '// Generated from openapi.json by libs/api-client/generate.mjs. Do not edit.\n/* eslint-disable */\n';

export async function renderSchema(document) {
  const ast = await openapiTS(document, { alphabetize: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const document = JSON.parse(readFileSync(here('./openapi.json'), 'utf8'));
  const schema = await renderSchema(document);
  const target = here('./src/schema.ts');
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== schema) {
      console.error(
        'libs/api-client/src/schema.ts is out of date: run `npm run generate -w @admit/api-client`',
      );
      process.exit(1);
    }
    console.log('api-client schema is up to date');
  } else {
    writeFileSync(target, schema);
    console.log('Wrote libs/api-client/src/schema.ts');
  }
}
