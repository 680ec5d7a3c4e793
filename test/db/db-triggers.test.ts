import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headcountBandOf } from '../../src/reference/reference-headcount.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('columns the database derives', () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client(database.url);
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  async function insertCooperative(values: Record<string, unknown>): Promise<string> {
    const columns = Object.keys(values);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO cooperative (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(values),
    );
    return rows[0]!.id;
  }

  it('computes the same INSEE headcount band in SQL as in TypeScript', async () => {
    const { rows } = await client.query<{ n: number; band: string }>(
      'SELECT n, coopdir_headcount_band(n) AS band FROM generate_series(0, 12000) n',
    );
    const mismatches = rows.filter((row) => row.band !== headcountBandOf(row.n));
    expect(mismatches).toEqual([]);
  });

  it('mirrors the latest year with a headcount onto the cooperative, and follows deletions', async () => {
    const id = await insertCooperative({ slug: 'mirror-test', name: 'Mirror', family: 'scop' });
    const latest = async () =>
      (
        await client.query(
          'SELECT figures_year, employees, member_employees, headcount_band FROM cooperative WHERE id = $1',
          [id],
        )
      ).rows[0];
    await client.query(
      'INSERT INTO annual_figures (cooperative_id, year, employees, member_employees) VALUES ($1, 2022, 8, 5)',
      [id],
    );
    await client.query(
      'INSERT INTO annual_figures (cooperative_id, year, employees, member_employees) VALUES ($1, 2024, 23, 20)',
      [id],
    );
    // A later year with revenue but no headcount does not blank the mirrored headcount.
    await client.query(
      'INSERT INTO annual_figures (cooperative_id, year, revenue) VALUES ($1, 2025, 1000000)',
      [id],
    );
    expect(await latest()).toEqual({
      figures_year: 2024,
      employees: 23,
      member_employees: 20,
      headcount_band: '12',
    });

    await client.query('DELETE FROM annual_figures WHERE cooperative_id = $1 AND year = 2024', [id]);
    expect(await latest()).toEqual({
      figures_year: 2022,
      employees: 8,
      member_employees: 5,
      headcount_band: '03',
    });
    await client.query('DELETE FROM annual_figures WHERE cooperative_id = $1', [id]);
    expect(await latest()).toEqual({
      figures_year: null,
      employees: null,
      member_employees: null,
      headcount_band: null,
    });
  });

  it('refuses more member-employees than employees', async () => {
    const id = await insertCooperative({ slug: 'too-many', name: 'Too many', family: 'scop' });
    await expect(
      client.query(
        'INSERT INTO annual_figures (cooperative_id, year, employees, member_employees) VALUES ($1, 2024, 3, 4)',
        [id],
      ),
    ).rejects.toThrow(/annual_figures_counts_check/);
  });

  it('keeps an unaccented, lower-case name and a weighted French document current', async () => {
    const id = await insertCooperative({
      slug: 'atelier-du-lin',
      name: "L'Atelier du Lin — Éco-Pôle",
      family: 'scop',
      activity: 'Menuiseries et ébénisterie',
      commune_name: 'Tours',
    });
    const row = async () =>
      (
        await client.query(
          'SELECT name_normalized, search_document::text AS doc FROM cooperative WHERE id = $1',
          [id],
        )
      ).rows[0];
    const first = await row();
    expect(first.name_normalized).toBe('l atelier du lin eco pole');
    expect(first.doc).toMatch(/'ateli':\d+A/);
    expect(first.doc).toMatch(/'menuiser':\d+C/);
    expect(first.doc).toMatch(/'tour':\d+$|'tour':\d+ /);

    await client.query("UPDATE cooperative SET name = 'Écopôle' WHERE id = $1", [id]);
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM cooperative WHERE search_document @@ plainto_tsquery('coopdir_french', 'ECOPOLE') AND id = $1",
      [id],
    );
    expect(rows[0].n).toBe(1);
    expect((await row()).name_normalized).toBe('ecopole');
  });

  it('refuses a SIRET that does not start with the SIREN', async () => {
    await expect(
      insertCooperative({
        slug: 'bad-siret',
        name: 'Bad',
        family: 'scop',
        siren: '732829320',
        siret: '55208131766522',
      }),
    ).rejects.toThrow(/cooperative_siret_siren_check/);
  });
});
