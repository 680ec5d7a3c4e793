// Loads the demo directory into an empty database with plain pg: batched json INSERTs on two connections.
import type pg from 'pg';
import { type DemoAdvisor, type DemoCooperative, generateDemoDirectory } from './db-demo-data.js';

export type LoadDemoOptions = { count?: number; seed?: number; batchSize?: number };
export type LoadDemoSummary = {
  cooperatives: number;
  advisors: number;
  annualFigures: number;
  traits: number;
  contacts: number;
};

export class DemoDataRefusedError extends Error {
  override name = 'DemoDataRefusedError';
}

type ColumnField = Exclude<keyof DemoCooperative, 'annualFigures' | 'traits' | 'contacts'>;
// The statements are built from these constant names only; every value travels as a json parameter.
// `satisfies` makes tsc list a column the model gains and the load would otherwise drop.
const COOPERATIVE_FIELDS = Object.keys({
  id: true,
  slug: true,
  name: true,
  tradeNames: true,
  acronym: true,
  siren: true,
  siret: true,
  legalCategoryCode: true,
  family: true,
  companyForm: true,
  isCae: true,
  isAmorcage: true,
  amorcageDeadlineYear: true,
  isGrouping: true,
  foundedYear: true,
  foundedMonth: true,
  foundedDay: true,
  becameCooperativeYear: true,
  becameCooperativeMonth: true,
  becameCooperativeDay: true,
  origin: true,
  predecessorSiren: true,
  predecessorRna: true,
  nafCode: true,
  nafVersion: true,
  nafSection: true,
  nafDivision: true,
  sectors: true,
  activity: true,
  description: true,
  streetAddress: true,
  addressComplement: true,
  postalCode: true,
  communeCode: true,
  communeName: true,
  departmentCode: true,
  regionCode: true,
  latitude: true,
  longitude: true,
  // What the figures trigger would mirror: inserted with the member, it spares an UPDATE per member.
  figuresYear: true,
  employees: true,
  memberEmployees: true,
  headcountBand: true,
  website: true,
  email: true,
  phone: true,
  socialLinks: true,
  membershipStatus: true,
  memberSince: true,
  leftOn: true,
  federations: true,
  advisorId: true,
  notes: true,
  published: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  archivedAt: true,
} satisfies Record<ColumnField, true>) as ColumnField[];
const FIGURES_COLUMNS = (
  'cooperative_id year employees member_employees associates employee_capital_share associate_employee_share ' +
  'scic_colleges revenue updated_at'
).split(' ');
const TRAIT_COLUMNS = ['cooperative_id', 'trait_key', 'present'];
const CONTACT_COLUMNS = ['id', 'cooperative_id', 'name', 'role', 'email', 'phone', 'position'];
const ADVISOR_COLUMNS = ['id', 'name', 'email', 'active', 'created_at'];

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const COOPERATIVE_COLUMNS = COOPERATIVE_FIELDS.map(snakeCase);

function insertFromJson(table: string, columns: readonly string[], parameter: number): string {
  const list = columns.map((column) => `"${column}"`).join(', ');
  return `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $${parameter}::json)`;
}

// Data-modifying CTEs: the members of a batch with their traits and contacts in one round trip.
const INSERT_MEMBERS = `WITH
  cooperatives AS (${insertFromJson('cooperative', COOPERATIVE_COLUMNS, 1)} RETURNING 1),
  traits AS (${insertFromJson('cooperative_trait', TRAIT_COLUMNS, 2)} RETURNING 1),
  contacts AS (${insertFromJson('contact_person', CONTACT_COLUMNS, 3)} RETURNING 1)
SELECT (SELECT count(*) FROM cooperatives)::int AS cooperatives, (SELECT count(*) FROM traits)::int AS traits,
       (SELECT count(*) FROM contacts)::int AS contacts`;
const INSERT_FIGURES = insertFromJson('annual_figures', FIGURES_COLUMNS, 1);
// What the annual_figures_changed trigger does row by row, done once for the batch: it changes nothing
// when the generator mirrored the latest figures right, and repairs the members it got wrong.
const MIRROR_LATEST_FIGURES = `UPDATE "cooperative" c
   SET "figures_year" = l."year", "employees" = l."employees", "member_employees" = l."member_employees",
       "headcount_band" = l."headcount_band"
  FROM unnest($1::uuid[]) AS k("id")
  LEFT JOIN LATERAL (
    SELECT f."year", f."employees", f."member_employees", f."headcount_band" FROM "annual_figures" f
     WHERE f."cooperative_id" = k."id" AND f."employees" IS NOT NULL ORDER BY f."year" DESC LIMIT 1) l ON true
 WHERE c."id" = k."id"
   AND (c."figures_year", c."employees", c."member_employees", c."headcount_band")
       IS DISTINCT FROM (l."year", l."employees", l."member_employees", l."headcount_band")`;

type Batch = { ids: string[]; members: string[]; figures: string };
type BatchCounts = Omit<LoadDemoSummary, 'advisors'>;
type Row = Record<string, unknown>;
type PendingBatch = { ids: string[]; rows: Row[]; figures: Row[]; traits: Row[]; contacts: Row[] };

/** Adds a member's rows, with snake_case keys as the tables' row types read them. */
function addMember(batch: PendingBatch, cooperative: DemoCooperative, advisorIds: Map<string, string>): void {
  const row: Row = {};
  for (let i = 0; i < COOPERATIVE_FIELDS.length; i++) {
    row[COOPERATIVE_COLUMNS[i] as string] = cooperative[COOPERATIVE_FIELDS[i] as ColumnField];
  }
  row.advisor_id = cooperative.advisorId === null ? null : (advisorIds.get(cooperative.advisorId) ?? null);
  const cooperative_id = cooperative.id;
  batch.ids.push(cooperative_id);
  batch.rows.push(row);
  for (const f of cooperative.annualFigures) {
    const revenue = f.revenue === null ? null : Number(f.revenue);
    batch.figures.push({
      cooperative_id,
      year: f.year,
      employees: f.employees,
      member_employees: f.memberEmployees,
      associates: f.associates,
      employee_capital_share: f.employeeCapitalShare,
      associate_employee_share: f.associateEmployeeShare,
      scic_colleges: f.scicColleges,
      revenue,
      updated_at: f.updatedAt,
    });
  }
  for (const t of cooperative.traits) {
    batch.traits.push({ cooperative_id, trait_key: t.traitKey, present: t.present });
  }
  for (const c of cooperative.contacts) batch.contacts.push({ ...c, cooperative_id });
}

function finishBatch(batch: PendingBatch): Batch {
  const members = [batch.rows, batch.traits, batch.contacts].map((rows) => JSON.stringify(rows));
  return { ids: batch.ids, members, figures: JSON.stringify(batch.figures) };
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

// Each member is reduced to its rows as soon as it is drawn; the batch becomes json once full.
async function* toBatches(
  cooperatives: Iterable<DemoCooperative>,
  size: number,
  advisorIds: Map<string, string>,
): AsyncGenerator<Batch> {
  const empty = (): PendingBatch => ({ ids: [], rows: [], figures: [], traits: [], contacts: [] });
  let pending = empty();
  for (const cooperative of cooperatives) {
    addMember(pending, cooperative, advisorIds);
    // Drawing a batch takes a while: the batches in flight must get to send their next statement.
    if (pending.ids.length % 50 === 0) await breathe();
    if (pending.ids.length < size) continue;
    yield finishBatch(pending);
    pending = empty();
  }
  if (pending.ids.length > 0) yield finishBatch(pending);
}

/**
 * One transaction per batch. The figures trigger mirrors the latest year onto the member row by row,
 * which on PostgreSQL 15 costs more than the rest of the load. When the loader owns the table, the
 * trigger is disabled inside the transaction only (other sessions never see it off; their writes to
 * annual_figures wait for the commit) and MIRROR_LATEST_FIGURES does its work for the whole batch.
 */
async function insertBatch(client: pg.PoolClient, batch: Batch, pauseTrigger: boolean): Promise<BatchCounts> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<Omit<BatchCounts, 'annualFigures'>>(INSERT_MEMBERS, batch.members);
    if (pauseTrigger) {
      await client.query('ALTER TABLE "annual_figures" DISABLE TRIGGER "annual_figures_changed"');
    }
    const figures = await client.query(INSERT_FIGURES, [batch.figures]);
    if (pauseTrigger) {
      await client.query(MIRROR_LATEST_FIGURES, [batch.ids]);
      await client.query('ALTER TABLE "annual_figures" ENABLE TRIGGER "annual_figures_changed"');
    }
    await client.query('COMMIT');
    const counts = rows[0] ?? { cooperatives: 0, traits: 0, contacts: 0 };
    return { ...counts, annualFigures: figures.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Inserts the advisors that are not there yet (by email) and maps each demo advisor to the stored id. */
async function insertAdvisors(client: pg.PoolClient, advisors: DemoAdvisor[]) {
  const json = JSON.stringify(
    advisors.map(({ createdAt, ...advisor }) => ({ ...advisor, created_at: createdAt })),
  );
  const inserted = await client.query<{ id: string }>(
    `${insertFromJson('advisor', ADVISOR_COLUMNS, 1)} ON CONFLICT ("email") DO NOTHING RETURNING "id"`,
    [json],
  );
  const { rows } = await client.query<{ id: string; email: string }>(
    'SELECT "id", "email" FROM "advisor" WHERE "email" = ANY($1::text[])',
    [advisors.map((a) => a.email)],
  );
  const storedByEmail = new Map(rows.map((row) => [row.email, row.id]));
  const ids = new Map(advisors.map((a) => [a.id, storedByEmail.get(a.email) ?? a.id]));
  return { inserted: inserted.rows.map((row) => row.id), ids };
}

/** Deletes what a failed load committed: its members (figures, traits and contacts follow) and advisors. */
async function undoLoad(
  client: pg.PoolClient,
  cooperativeIds: string[],
  advisorIds: string[],
): Promise<void> {
  if (cooperativeIds.length === 0 && advisorIds.length === 0) return;
  await client.query('DELETE FROM "cooperative" WHERE "id" = ANY($1::uuid[])', [cooperativeIds]);
  await client.query('DELETE FROM "advisor" WHERE "id" = ANY($1::uuid[])', [advisorIds]);
}

// Two loaders at once would both find the directory empty: the second waits, then refuses.
const LOAD_LOCK_KEY = 0x636f6f70; // "coop"
const CONNECTIONS = 2; // this machine's cores; PostgreSQL inserts, Node draws the next batch

/**
 * Loads `count` demo cooperatives (300 by default) drawn from `seed`: the same seed always gives the
 * same rows, ids included. Refuses a database that already has cooperatives. Batches commit one by one
 * on two connections; if one fails, what was loaded is deleted again before the error is thrown.
 */
export async function loadDemoData(pool: pg.Pool, options: LoadDemoOptions = {}): Promise<LoadDemoSummary> {
  const { count = 300, seed = 1, batchSize = 1000 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const demo = generateDemoDirectory({ count, seed });
  const main = await pool.connect();
  const helpers: pg.PoolClient[] = [];
  const loadedIds: string[] = [];
  const running = new Set<Promise<void>>();
  let advisorIds: string[] = [];
  try {
    await main.query('SELECT pg_advisory_lock($1)', [LOAD_LOCK_KEY]);
    const { rows } = await main.query<{ found: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM "cooperative") AS found',
    );
    if (rows[0]?.found) {
      throw new DemoDataRefusedError(
        'the database already has cooperatives: demo data loads only into an empty directory',
      );
    }
    const owner = await main.query<{ owns: boolean }>(
      `SELECT pg_has_role(current_user, relowner, 'USAGE') AS owns FROM pg_class WHERE oid = '"annual_figures"'::regclass`,
    );
    const pauseTrigger = owner.rows[0]?.owns === true;
    const advisors = await insertAdvisors(main, demo.advisors);
    advisorIds = advisors.inserted;
    const summary = {
      cooperatives: 0,
      advisors: advisorIds.length,
      annualFigures: 0,
      traits: 0,
      contacts: 0,
    };
    // The main connection holds the lock and works too; a pool of one still loads, on one connection.
    const connections = count > batchSize ? Math.min(CONNECTIONS, pool.options.max ?? CONNECTIONS) : 1;
    while (helpers.length < connections - 1) helpers.push(await pool.connect());
    const idle = [main, ...helpers];
    // Each batch is drawn while the connections insert the previous ones.
    for await (const batch of toBatches(demo.cooperatives, batchSize, advisors.ids)) {
      while (idle.length === 0) await Promise.race(running);
      const client = idle.pop() as pg.PoolClient;
      const task = insertBatch(client, batch, pauseTrigger).then((counts) => {
        loadedIds.push(...batch.ids);
        summary.cooperatives += counts.cooperatives;
        summary.annualFigures += counts.annualFigures;
        summary.traits += counts.traits;
        summary.contacts += counts.contacts;
        idle.push(client);
        running.delete(task);
      });
      running.add(task);
    }
    await Promise.all(running);
    return summary;
  } catch (error) {
    await Promise.allSettled([...running]);
    // Best effort: the load's own error is the one to report.
    await undoLoad(main, loadedIds, advisorIds).catch(() => undefined);
    throw error;
  } finally {
    await main.query('SELECT pg_advisory_unlock($1)', [LOAD_LOCK_KEY]).catch(() => undefined);
    main.release();
    for (const helper of helpers) helper.release();
  }
}
