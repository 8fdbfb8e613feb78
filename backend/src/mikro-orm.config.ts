import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { AppConfig } from './config/app-config.js';
import { migrationsList } from './migrations/index.js';
import { ENTITIES } from './entities.js';
import { releaseDeadConnections } from './common/database/release-dead-connections.js';

const SRC_MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/migrations');

export function ormConfig(config: Pick<AppConfig, 'db' | 'env'>): Options {
  return defineConfig({
    clientUrl: config.db.url,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    pool: { min: 0, max: config.db.poolMax },
    // A request waits at most this long for a connection (a free one from the pool, or a new one
    // to a server that is down or unreachable); then it is answered 503 dependency_unavailable.
    driverOptions: {
      connectionTimeoutMillis: config.db.connectTimeoutMs,
      onPoolCreated: releaseDeadConnections,
    },
    debug: false,
    // SQL functions (code display, CSV safety) are written by hand in a migration, not mirrored as routines.
    schemaGenerator: { ignoreRoutines: true },
    // Entities are not loaded by request context in queue handlers: they fork explicitly.
    allowGlobalContext: false,
    migrations: {
      path: SRC_MIGRATIONS,
      pathTs: SRC_MIGRATIONS,
      migrationsList,
      // Each migration in its own transaction, not all in one: a migration that builds an index
      // CONCURRENTLY runs outside any transaction and must see the tables the ones before it
      // created committed (docs/operations.md, "Migrations while the old version serves").
      transactional: true,
      allOrNothing: false,
      snapshot: true,
      snapshotName: '.snapshot-admit',
      snapshotOnMigrate: false,
      emit: 'ts',
    },
  });
}
