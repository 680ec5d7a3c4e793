// A test app over the demo directory, and the ground truth to check searches against: every profile
// as the database has it, read with plain SQL independently of the search code.
import pg from 'pg';
import { loadDemoData } from '../../src/db/db-seed.js';
import { buildTestApp, type TestApp } from './test-app.js';
import { type Keys, makeApiKeys } from './test-factories.js';

export type Truth = {
  id: string;
  name: string;
  family: string;
  companyForm: string | null;
  isCae: boolean;
  isAmorcage: boolean;
  isGrouping: boolean;
  origin: string | null;
  regionCode: string | null;
  departmentCode: string | null;
  communeCode: string | null;
  postalCode: string | null;
  nafCode: string | null;
  nafSection: string | null;
  sectors: string[];
  traitsPresent: string[];
  traitsAbsent: string[];
  employees: number | null;
  headcountBand: string | null;
  foundedYear: number | null;
  becameCooperativeYear: number | null;
  latitude: number | null;
  longitude: number | null;
  updatedAt: Date;
  published: boolean;
  archived: boolean;
  membershipStatus: string;
  advisorId: string | null;
};

export async function readTruth(pool: pg.Pool): Promise<Truth[]> {
  const { rows } = await pool.query<Truth>(`
    SELECT c.id, c.name, c.family::text AS family, c.company_form::text AS "companyForm", c.is_cae AS "isCae",
           c.is_amorcage AS "isAmorcage", c.is_grouping AS "isGrouping", c.origin::text AS origin,
           c.region_code AS "regionCode", c.department_code AS "departmentCode", c.commune_code AS "communeCode",
           c.postal_code AS "postalCode", c.naf_code AS "nafCode", c.naf_section AS "nafSection",
           coalesce(c.sectors, '{}') AS sectors,
           array(SELECT trait_key::text FROM cooperative_trait t WHERE t.cooperative_id = c.id AND t.present) AS "traitsPresent",
           array(SELECT trait_key::text FROM cooperative_trait t WHERE t.cooperative_id = c.id AND NOT t.present) AS "traitsAbsent",
           c.employees, c.headcount_band AS "headcountBand", c.founded_year AS "foundedYear",
           c.became_cooperative_year AS "becameCooperativeYear", c.latitude, c.longitude, c.updated_at AS "updatedAt",
           c.published, c.archived_at IS NOT NULL AS archived, c.membership_status::text AS "membershipStatus",
           c.advisor_id AS "advisorId"
      FROM cooperative c`);
  return rows;
}

export type SearchFixture = { t: TestApp; keys: Keys; truth: Truth[] };

export async function searchFixture(count = 300): Promise<SearchFixture> {
  // The demo data goes in before the app starts, as on a first `npm start`.
  const t = await buildTestApp({
    listen: true,
    beforeStart: async (url) => {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      await loadDemoData(pool, { count }).finally(() => pool.end());
    },
  });
  const keys = await makeApiKeys(t.db);
  return { t, keys, truth: await readTruth(t.db.pool) };
}

/** Public visibility: published and not archived. */
export const isPublic = (row: Truth) => row.published && !row.archived;
