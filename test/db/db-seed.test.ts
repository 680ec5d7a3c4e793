import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidRna, isValidSiren, isValidSiret } from '../../src/cooperatives/cooperatives-identifiers.js';
import {
  DEMO_FIXED_COOPERATIVES,
  DEMO_REFERENCE_DATE,
  demoReferences,
  generateDemoDirectory,
} from '../../src/db/db-demo-data.js';
import { DEMO_COMMUNES, DEMO_NAF } from '../../src/db/db-demo-vocabulary.js';
import { DemoDataRefusedError, loadDemoData } from '../../src/db/db-seed.js';
import { findCommune } from '../../src/reference/reference-geography.js';
import { findNafSubclass } from '../../src/reference/reference-naf.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const TABLES = [
  'advisor',
  'cooperative',
  'annual_figures',
  'cooperative_trait',
  'contact_person',
  'audit_event',
];
const OVERSEAS_REGIONS = ['01', '02', '03', '04', '06'];

type Loaded = { database: TestDatabase; pool: pg.Pool };

async function freshDatabase(): Promise<Loaded> {
  const database = await createTestDatabase();
  return { database, pool: new pg.Pool({ connectionString: database.url, max: 3 }) };
}

/** One md5 per table over every row in a stable order: equal digests, equal data. */
async function digest(pool: pg.Pool): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await pool.query<{ md5: string | null }>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${table}" t`,
    );
    digests[table] = rows[0]?.md5 ?? '';
  }
  return digests;
}

async function rowsOf<T extends pg.QueryResultRow>(pool: pg.Pool, sql: string): Promise<T[]> {
  return (await pool.query<T>(sql)).rows;
}

describe('the demo directory', () => {
  const opened: Loaded[] = [];
  let seed1: Loaded;

  beforeAll(async () => {
    seed1 = await freshDatabase();
    opened.push(seed1);
    await loadDemoData(seed1.pool);
  });
  afterAll(async () => {
    for (const { pool, database } of opened) {
      await pool.end();
      await database.drop();
    }
  });

  it('loads the same rows for the same seed, however it is batched, and other rows for another seed', async () => {
    const again = await freshDatabase();
    const other = await freshDatabase();
    opened.push(again, other);
    await loadDemoData(again.pool, { batchSize: 64 });
    await loadDemoData(other.pool, { seed: 2 });
    const expected = await digest(seed1.pool);
    expect(await digest(again.pool)).toEqual(expected);
    const different = await digest(other.pool);
    expect(different.cooperative).not.toBe(expected.cooperative);
    expect(different.annual_figures).not.toBe(expected.annual_figures);
  });

  it('reports what it loaded', async () => {
    const counted = await rowsOf<Record<string, number>>(
      seed1.pool,
      `SELECT (SELECT count(*) FROM cooperative)::int AS cooperatives, (SELECT count(*) FROM advisor)::int AS advisors,
              (SELECT count(*) FROM annual_figures)::int AS figures, (SELECT count(*) FROM cooperative_trait)::int AS traits,
              (SELECT count(*) FROM contact_person)::int AS contacts`,
    );
    expect(counted[0]?.cooperatives).toBe(300);
    expect(counted[0]?.advisors).toBeGreaterThanOrEqual(5);
    expect(counted[0]?.advisors).toBeLessThanOrEqual(8);
    expect(counted[0]?.figures).toBeGreaterThan(600);
    expect(counted[0]?.traits).toBeGreaterThan(300);
    expect(counted[0]?.contacts).toBeGreaterThan(200);
  });

  it('has each fixed cooperative exactly once', async () => {
    const rows = await rowsOf<{ name: string; n: number }>(
      seed1.pool,
      'SELECT name, count(*)::int AS n FROM cooperative GROUP BY name',
    );
    const counts = new Map(rows.map((row) => [row.name, row.n]));
    for (const fixed of DEMO_FIXED_COOPERATIVES) expect(counts.get(fixed.name), fixed.name).toBe(1);
    const [dupre] = await rowsOf(
      seed1.pool,
      `SELECT family, company_form, naf_code, commune_code, department_code, region_code, published
         FROM cooperative WHERE name = 'Menuiserie Dupré'`,
    );
    expect(dupre).toMatchObject({
      family: 'scop',
      company_form: 'sarl',
      commune_code: '37261',
      published: true,
    });
    expect(['16.23Z', '43.32A']).toContain(dupre?.naf_code);
    expect(dupre).toMatchObject({ department_code: '37', region_code: '24' });
  });

  it('spreads members over Corsica and overseas régions too', async () => {
    const regions = (
      await rowsOf<{ region_code: string }>(seed1.pool, 'SELECT DISTINCT region_code FROM cooperative')
    ).map((row) => row.region_code);
    expect(regions).toContain('94');
    expect(regions).toContain('11');
    expect(regions).toContain('24');
    expect(regions.some((code) => OVERSEAS_REGIONS.includes(code))).toBe(true);
  });

  it('places members in real communes, with postal code, département and région taken from the commune', async () => {
    for (const { code } of DEMO_COMMUNES) expect(findCommune(code), code).toBeDefined();
    expect(demoReferences().communes).toHaveLength(DEMO_COMMUNES.length);
    const rows = await rowsOf<Record<string, string>>(
      seed1.pool,
      `SELECT commune_code, commune_name, postal_code, department_code, region_code FROM cooperative
        WHERE commune_code IS NOT NULL`,
    );
    expect(rows.length).toBeGreaterThan(280);
    for (const row of rows) {
      const commune = findCommune(row.commune_code ?? '');
      expect(row).toEqual({
        commune_code: commune?.code,
        commune_name: commune?.name,
        postal_code: commune?.postalCodes[0],
        department_code: commune?.departmentCode,
        region_code: commune?.regionCode,
      });
    }
  });

  it('gives valid, distinct SIRENs and head-office SIRETs that start with their SIREN', async () => {
    const rows = await rowsOf<Record<string, string | null>>(
      seed1.pool,
      'SELECT siren, siret, predecessor_siren, predecessor_rna FROM cooperative',
    );
    const sirens = rows.flatMap((row) => (row.siren ? [row.siren] : []));
    expect(sirens.length / rows.length).toBeGreaterThan(0.85);
    expect(new Set(sirens).size).toBe(sirens.length);
    for (const { siren, siret, predecessor_siren, predecessor_rna } of rows) {
      if (siren) expect(isValidSiren(siren), siren).toBe(true);
      if (siret) {
        expect(isValidSiret(siret), siret).toBe(true);
        expect(siret.startsWith(siren ?? '-')).toBe(true);
      }
      if (predecessor_siren) expect(isValidSiren(predecessor_siren), predecessor_siren).toBe(true);
      if (predecessor_rna) expect(isValidRna(predecessor_rna), predecessor_rna).toBe(true);
    }
  });

  it('uses NAF rév. 2 sub-classes that exist, with their section and division', async () => {
    for (const { code } of DEMO_NAF) expect(findNafSubclass(code), code).toBeDefined();
    const rows = await rowsOf<Record<string, string>>(
      seed1.pool,
      'SELECT DISTINCT naf_code, naf_version, naf_section, naf_division FROM cooperative WHERE naf_code IS NOT NULL',
    );
    for (const row of rows) {
      const subclass = findNafSubclass(row.naf_code ?? '');
      expect(row).toEqual({
        naf_code: subclass?.code,
        naf_version: 'rev2',
        naf_section: subclass?.section,
        naf_division: subclass?.division,
      });
    }
  });

  it('never counts more member-employees than employees', async () => {
    const [row] = await rowsOf<{ bad: number; total: number }>(
      seed1.pool,
      'SELECT count(*) FILTER (WHERE member_employees > employees)::int AS bad, count(*)::int AS total FROM annual_figures',
    );
    expect(row).toEqual({ bad: 0, total: expect.any(Number) });
    for (const cooperative of generateDemoDirectory({ count: 1000, seed: 7 }).cooperatives) {
      for (const figures of cooperative.annualFigures) {
        expect(figures.memberEmployees).toBeLessThanOrEqual(figures.employees ?? 0);
      }
    }
  });

  it('mirrors the latest figures on each member, and leaves the figures trigger enabled', async () => {
    const [row] = await rowsOf<{ missing: number; wrong: number; with_figures: number }>(
      seed1.pool,
      `WITH latest AS (
         SELECT DISTINCT ON (cooperative_id) cooperative_id, year, employees, member_employees, headcount_band
           FROM annual_figures WHERE employees IS NOT NULL ORDER BY cooperative_id, year DESC)
       SELECT count(*) FILTER (WHERE c.employees IS NULL OR c.headcount_band IS NULL)::int AS missing,
              count(*) FILTER (WHERE (c.figures_year, c.employees, c.member_employees, c.headcount_band)
                IS DISTINCT FROM (l.year, l.employees, l.member_employees, l.headcount_band))::int AS wrong,
              count(*)::int AS with_figures
         FROM cooperative c JOIN latest l ON l.cooperative_id = c.id`,
    );
    expect(row).toMatchObject({ missing: 0, wrong: 0 });
    expect(row?.with_figures).toBeGreaterThan(250);
    const [trigger] = await rowsOf<{ tgenabled: string }>(
      seed1.pool,
      "SELECT tgenabled FROM pg_trigger WHERE tgname = 'annual_figures_changed'",
    );
    expect(trigger?.tgenabled).toBe('O');
  });

  it('refuses a database that already has cooperatives, and writes nothing', async () => {
    const before = await digest(seed1.pool);
    await expect(loadDemoData(seed1.pool, { seed: 3 })).rejects.toThrow(DemoDataRefusedError);
    expect(await digest(seed1.pool)).toEqual(before);
  });

  it('deletes the batches it committed when a later batch fails', async () => {
    const broken = await freshDatabase();
    opened.push(broken);
    // A constraint that only the 251st member breaks: five batches of 50 commit before it fails.
    const late = [...generateDemoDirectory().cooperatives][250];
    const client = await broken.pool.connect();
    await client
      .query(
        `ALTER TABLE cooperative ADD CONSTRAINT demo_late_failure CHECK (slug <> ${client.escapeLiteral(late?.slug ?? '')})`,
      )
      .finally(() => client.release());
    await expect(loadDemoData(broken.pool, { batchSize: 50 })).rejects.toThrow(/demo_late_failure/);
    const [left] = await rowsOf<{ cooperatives: number; advisors: number; figures: number }>(
      broken.pool,
      `SELECT (SELECT count(*) FROM cooperative)::int AS cooperatives, (SELECT count(*) FROM advisor)::int AS advisors,
              (SELECT count(*) FROM annual_figures)::int AS figures`,
    );
    expect(left).toEqual({ cooperatives: 0, advisors: 0, figures: 0 });
  });

  it('dates nothing after its reference day, and founds members before they become cooperatives', async () => {
    const [latest] = await rowsOf<Record<string, Date>>(
      seed1.pool,
      `SELECT (SELECT max(greatest(created_at, updated_at, archived_at, member_since, left_on)) FROM cooperative) AS members,
              (SELECT max(updated_at) FROM annual_figures) AS figures, (SELECT max(created_at) FROM advisor) AS advisors`,
    );
    for (const instant of Object.values(latest ?? {}))
      expect(instant.getTime()).toBeLessThan(DEMO_REFERENCE_DATE.getTime());
    for (const cooperative of generateDemoDirectory().cooperatives) {
      expect(cooperative.foundedYear).toBeGreaterThanOrEqual(1950);
      expect(cooperative.becameCooperativeYear).toBeLessThanOrEqual(2025);
      if (cooperative.origin === 'creation') {
        expect(cooperative.becameCooperativeYear).toBe(cooperative.foundedYear);
      } else {
        expect(cooperative.becameCooperativeYear).toBeGreaterThan(cooperative.foundedYear ?? 0);
      }
    }
  });

  it('keeps names, slugs and publication rules consistent', async () => {
    const rows = await rowsOf<Record<string, unknown>>(
      seed1.pool,
      'SELECT name, slug, membership_status, published, left_on, archived_at FROM cooperative',
    );
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
    expect(new Set(rows.map((row) => row.slug)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      if (row.membership_status === 'pending') expect(row.published).toBe(false);
      expect(row.left_on !== null).toBe(row.membership_status === 'left');
      expect(row.archived_at !== null).toBe(row.membership_status === 'left');
    }
  });
});
