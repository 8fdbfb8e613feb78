import { MikroORM } from '@mikro-orm/postgresql';
import { type CodeFormat, createCodeGenerator, formatForDisplay } from '@admit/codes';
import { ormConfig } from '../../src/mikro-orm.config.js';
import { testConfig } from '../utils/test-app.js';

/** The SQL display function (used by lists and CSV exports) must show codes as the library does. */
describe('admit_display_code (integration)', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await MikroORM.init(ormConfig(testConfig()));
    await orm.migrator.up();
  });
  afterAll(() => orm.close(true));

  const formats: Partial<CodeFormat>[] = [
    { kind: 'random' },
    { kind: 'random', groupSize: 0 },
    { kind: 'random', length: 10, groupSize: 3, checkChar: true },
    { kind: 'random', length: 32, groupSize: 2 },
    { kind: 'random', length: 64, groupSize: 5 },
    { kind: 'prefixed', prefix: 'MATHS', length: 8 },
    { kind: 'prefixed', prefix: 'SOLO', length: 12, checkChar: true, groupSize: 6 },
  ];

  it.each(formats)('matches formatForDisplay for %o', async (format) => {
    const codes = createCodeGenerator(format).many(50);
    const rows = await orm.em.getConnection().execute<{ display: string }[]>(
      `select admit_display_code(code, ?, ?, ?, ?, ?, null, null) as display
         from unnest(?::text[]) with ordinality as t(code, n) order by n`,
      [
        format.kind ?? 'random',
        format.prefix ?? null,
        format.length ?? 12,
        format.groupSize ?? 4,
        format.checkChar ?? false,
        `{${codes.join(',')}}`,
      ],
    );
    expect(rows.map((r) => r.display)).toEqual(codes.map((c) => formatForDisplay(c, format)));
  });

  it('shows Custom Name codes with their prefix and number, and edited codes as stored', async () => {
    const [row] = await orm.em.getConnection().execute(
      `select admit_display_code('MATHS12', 'custom', 'MATHS', 0, 0, false, 'MATHS', 12) as custom,
                admit_display_code('WE1C0ME', 'random', null, 12, 4, false, null, null) as edited`,
    );
    expect(row).toEqual({ custom: 'MATHS12', edited: 'WE1C0ME' });
  });
});
