import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../src/mikro-orm.config.js';
import { testConfig } from '../utils/test-app.js';

describe('migrations (integration)', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await MikroORM.init(ormConfig(testConfig()));
    await orm.migrator.up();
  });
  afterAll(() => orm.close(true));

  it('leave no difference between the entities and the migrated database (no migration is missing)', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('have all been applied', async () => {
    expect(await orm.migrator.getPending()).toEqual([]);
  });
});
