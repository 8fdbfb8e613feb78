import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { bearer, createAccount, createProject } from '../factories/accounts.js';
import { createApiKey, createCodes } from '../factories/codes.js';
import { until } from '../utils/until.js';

/** The migrations that build an index on `access_codes`, the table every redemption writes. */
const INDEX_MIGRATIONS = [
  ['Migration20261129160000_expiring_codes_index', 'access_codes_expiring_index'],
  ['Migration20261129230000_batch_sequence_index', 'access_codes_batch_sequence_index'],
] as const;
/** From here on, migrations keep the rule (the earlier ones ran before Admit served anyone). */
const RULE_SINCE = 'Migration20261129160000';
const MIGRATIONS_DIR = join(import.meta.dirname, '../../src/migrations');

/**
 * The rule of docs/operations.md ("Migrations while the old version serves"), proved on each
 * migration that builds an index on `access_codes`: applied while the app serves, it refuses no
 * request and holds no write back. The code at hand is the old version as far as these migrations
 * go (each adds an index nothing requires). Only that migration is taken down and up again.
 */
describe('index migrations applied while the app serves (e2e)', () => {
  let t: TestApp;
  let sql: pg.Client;

  beforeAll(async () => {
    t = await bootTestApp();
    sql = new pg.Client({ connectionString: t.config.db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await t.orm.migrator.up(); // whatever happened, the database is left migrated
    await t.close();
  });

  const indexState = async (index: string) =>
    (
      await sql.query<{ valid: boolean }>(
        `select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = $1`,
        [index],
      )
    ).rows[0];

  it.each(INDEX_MIGRATIONS)(
    'applies %s without refusing a request or blocking redemptions',
    async (name, index) => {
      const owner = await createAccount(t.orm, t.http);
      const project = await createProject(t.http, owner.token);
      const key = await createApiKey(t.http, owner.token, project.id);
      const codes = await createCodes(t.orm, project.id, {
        count: 50,
        validTill: new Date(Date.now() + 86_400_000),
      });
      const redeem = (code: string) =>
        t.http
          .post('/api/v1/redemptions')
          .set(...bearer(key))
          .send({ code, learner: { externalId: `learner-${code}` } });

      // The database as the previous release left it.
      await t.orm.migrator.down({ migrations: [name] });
      expect(await indexState(index)).toBeUndefined();

      // Requests keep coming for the whole migration.
      const failures: string[] = [];
      let validated = 0;
      let stop = false;
      const load = (async () => {
        while (!stop) {
          const res = await t.http
            .post('/api/v1/redemptions/validate')
            .set(...bearer(key))
            .send({ code: codes.codes[0] });
          if (res.status !== 200) failures.push(`validate → ${res.status} ${JSON.stringify(res.body)}`);
          else validated++;
        }
      })();

      // A write on access_codes is in progress (a redemption, a batch chunk) when the migration starts.
      const writer = new pg.Client({ connectionString: t.config.db.url });
      await writer.connect();
      await writer.query('begin');
      await writer.query('update access_codes set active = active where id = $1', [codes.ids[0]]);

      const migrating = t.orm.migrator.up({ migrations: [name] });
      // The migration waits for that write to end (so would any index build)…
      await until('the migration to wait for the open write', async () => {
        const { rows } = await sql.query(
          `select 1 from pg_stat_activity where query ilike '%${index}%' and wait_event_type = 'Lock'`,
        );
        return rows.length > 0;
      });
      // …and meanwhile redemptions still write. A plain CREATE INDEX would queue them behind it:
      // its share lock waits for the open write, and every later write waits for it.
      let answered = false;
      const redemption = redeem(codes.codes[1]).then((res) => {
        answered = true;
        return res;
      });
      const first = await until('the redemption answered or waiting for a lock', async () => {
        if (answered) return 'answered';
        const { rows } = await sql.query(
          `select 1 from pg_stat_activity where application_name = 'admit-redeem' and wait_event_type = 'Lock'`,
        );
        return rows.length > 0 ? 'blocked' : undefined;
      });

      await writer.query('commit');
      await writer.end();
      await migrating;
      stop = true;
      await load;

      expect(first).toBe('answered');
      expect((await redemption).status).toBe(201);
      expect(failures).toEqual([]);
      expect(validated).toBeGreaterThan(0);
      expect(await indexState(index)).toEqual({ valid: true });
      const { rows } = await sql.query('select 1 from mikro_orm_migrations where name = $1', [name]);
      expect(rows).toHaveLength(1);
    },
    120_000,
  );

  it('every index built on a served table since then is built concurrently', () => {
    // The statements, not the comments: an index the SQL names in quotes, as the generator writes.
    const plain = readdirSync(MIGRATIONS_DIR)
      .filter((file) => file.startsWith('Migration') && file >= RULE_SINCE)
      .flatMap((file) =>
        [
          ...readFileSync(join(MIGRATIONS_DIR, file), 'utf8').matchAll(
            /create (unique )?index (if not exists )?"[^;]*/gi,
          ),
        ].map((m) => `${file}: ${m[0].slice(0, 80)}`),
      );
    expect(plain).toEqual([]);
    const built = readdirSync(MIGRATIONS_DIR)
      .filter(
        (file) =>
          file >= RULE_SINCE &&
          /create (unique )?index concurrently[^;]*on "access_codes"/i.test(
            readFileSync(join(MIGRATIONS_DIR, file), 'utf8'),
          ),
      )
      .map((file) => file.replace(/\.ts$/, ''));
    // Each of them has its case above.
    expect(built).toEqual(INDEX_MIGRATIONS.map(([name]) => name));
  });
});
