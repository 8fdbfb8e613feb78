import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../config/app-config.js';
import { ormConfig } from '../../mikro-orm.config.js';

/**
 * The triggers that keep `access_code_counters` (per batch: codes, codes used at least once) on
 * real PostgreSQL, for what the end-to-end counter test (test/e2e/codes-scale) does not reach:
 * uses of a multi-use code coming and going, a code moving batch, rolled-back statements, and
 * writers on several connections (each adds to its own shard row).
 */
describe('access code counter triggers', () => {
  const config = loadConfig();
  let orm: MikroORM;
  let pool: pg.Pool;
  const ids = { tenant: randomUUID(), project: randomUUID(), product: randomUUID(), plan: randomUUID() };
  const [batchA, batchB] = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    if (!/_test$/.test(new URL(config.db.url).pathname)) throw new Error('Runs only on a *_test database');
    orm = await MikroORM.init(ormConfig(config));
    await orm.migrator.up();
    pool = new pg.Pool({ connectionString: config.db.url, max: 3 });
    await pool.query(`insert into tenants (id, name) values ($1, 'counters')`, [ids.tenant]);
    await pool.query(
      `insert into projects (id, tenant_id, slug, name, code_format) values ($1, $2, $3, 'counters', '{}')`,
      [ids.project, ids.tenant, `counters-${ids.project}`],
    );
    await pool.query(`insert into products (id, project_id, name) values ($1, $2, 'p')`, [
      ids.product,
      ids.project,
    ]);
    await pool.query(`insert into plans (id, project_id, product_id, name) values ($1, $2, $3, 'q')`, [
      ids.plan,
      ids.project,
      ids.product,
    ]);
    for (const batch of [batchA, batchB])
      await pool.query(
        `insert into batches (id, project_id, product_id, plan_id, mode, requested_count, usage_type, format, notify)
         values ($1, $2, $3, $4, 'standard', 0, 'multiple', '{"kind":"random"}', false)`,
        [batch, ids.project, ids.product, ids.plan],
      );
  });

  afterAll(async () => {
    await pool.query('delete from access_codes where project_id = $1', [ids.project]);
    await pool.query('delete from batches where project_id = $1', [ids.project]);
    await pool.query('delete from plans where project_id = $1', [ids.project]);
    await pool.query('delete from products where project_id = $1', [ids.project]);
    await pool.query('delete from projects where id = $1', [ids.project]);
    await pool.query('delete from tenants where id = $1', [ids.tenant]);
    await pool.end();
    await orm.close(true);
  });

  /** [kept total, kept used] beside [count(*), count(*) where used], per batch A and B. */
  async function keptAndCounted() {
    const { rows } = await pool.query<{ kept: string; counted: string }>(
      `select (select coalesce(sum(total), 0) || '/' || coalesce(sum(used), 0)
                 from access_code_counters where batch_id = b.id) as kept,
              (select count(*) || '/' || count(*) filter (where redemption_count > 0)
                 from access_codes where batch_id = b.id) as counted
         from unnest($1::uuid[]) with ordinality as b(id, n) order by n`,
      [[batchA, batchB]],
    );
    return { kept: rows.map((r) => r.kept), counted: rows.map((r) => r.counted) };
  }

  const insertCodes = (client: pg.Pool | pg.PoolClient, batch: string, count: number) =>
    client.query(
      `insert into access_codes (project_id, batch_id, product_id, plan_id, code, usage_type, max_redemptions)
       select $1, $2, $3, $4, 'C' || replace(gen_random_uuid()::text, '-', ''), 'multiple', 3
         from generate_series(1, $5::int)`,
      [ids.project, batch, ids.product, ids.plan, count],
    );

  it('counts a multi-use code as used from its first use until its last use is given back', async () => {
    await insertCodes(pool, batchA, 2);
    const { rows } = await pool.query<{ id: string }>(
      'select id from access_codes where batch_id = $1 order by id limit 1',
      [batchA],
    );
    const code = rows[0]!.id;
    const uses = async (delta: number) => {
      await pool.query('update access_codes set redemption_count = redemption_count + $2 where id = $1', [
        code,
        delta,
      ]);
      return (await keptAndCounted()).kept[0];
    };
    expect(await uses(1)).toBe('2/1');
    expect(await uses(1)).toBe('2/1');
    expect(await uses(-1)).toBe('2/1');
    expect(await uses(-1)).toBe('2/0');
    const { kept, counted } = await keptAndCounted();
    expect(kept).toEqual(counted);
  });

  it('moves the count of a code that changes batch, used or not, and keeps it through (de)activation', async () => {
    await pool.query(
      `update access_codes set redemption_count = 1
        where id = (select id from access_codes where batch_id = $1 order by id limit 1)`,
      [batchA],
    );
    await pool.query('update access_codes set batch_id = $2 where batch_id = $1', [batchA, batchB]);
    expect((await keptAndCounted()).kept).toEqual(['0/0', '2/1']);
    await pool.query('update access_codes set active = false where batch_id = $1', [batchB]);
    await pool.query('update access_codes set active = true where batch_id = $1', [batchB]);
    const { kept, counted } = await keptAndCounted();
    expect(kept).toEqual(['0/0', '2/1']);
    expect(kept).toEqual(counted);
  });

  it('takes nothing from a rolled-back write', async () => {
    const before = await keptAndCounted();
    const client = await pool.connect();
    try {
      await client.query('begin');
      await insertCodes(client, batchA, 5);
      await client.query('update access_codes set redemption_count = 1 where batch_id = $1', [batchB]);
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await keptAndCounted()).toEqual(before);
  });

  it('sums writers on several connections at once (each adds to a shard row of its own)', async () => {
    await Promise.all(Array.from({ length: 3 }, () => insertCodes(pool, batchA, 40)));
    const { kept, counted } = await keptAndCounted();
    expect(kept).toEqual(counted);
    expect(kept[0]).toBe('120/0');
  });
});
