import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument, createApp } from './app.factory.js';
import { loadConfig } from './config/app-config.js';
import { ormConfig } from './mikro-orm.config.js';
import { seed } from './cli/seed.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function withOrm<T>(work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const orm = await MikroORM.init(ormConfig(config));
  try {
    return await work(orm);
  } finally {
    await orm.close(true);
  }
}

const commands: Record<string, () => Promise<void>> = {
  /** Applies pending migrations. */
  async migrate() {
    await withOrm(async (orm) => {
      const applied = await orm.migrator.up();
      console.log(
        applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date',
      );
    });
  },
  /** Creates the first owner and, in development, the demo project. */
  async seed() {
    const config = loadConfig();
    await withOrm(async (orm) => {
      const result = await seed(orm.em.fork(), config);
      if (result.ownerCreated)
        console.log(`Created the owner ${result.email} (password from ADMIN_PASSWORD)`);
      if (result.demoCreated) console.log('Created the demo project "Demo project" (slug demo)');
      if (!result.ownerCreated && !result.demoCreated) console.log('Nothing to seed');
    });
  },
  /** Generates a migration from the difference between the entities and the database. */
  async 'migration:create'() {
    await withOrm(async (orm) => {
      await orm.migrator.up();
      const result = await orm.migrator.create();
      console.log(
        result.fileName ? `Created ${result.fileName}; add it to src/migrations/index.ts` : 'No changes',
      );
    });
  },
  /** Writes the OpenAPI document the console's client is generated from. */
  async openapi() {
    const app = await createApp({ ...loadConfig(), log: { level: 'warn' } });
    await app.init();
    const document = buildOpenApiDocument(app);
    await app.close();
    const file = path.join(REPO_ROOT, 'libs/api-client/openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  },
};

const name = process.argv[2] ?? '';
const command = commands[name];
if (!command) {
  console.error(`Usage: node backend/dist/cli.js <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}
command().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
