// Keeps the in-memory directory equal to PostgreSQL: a full load at start, then the rows named by
// "coopdir_cooperative_changed" notifications (any writer, any instance) and by this instance's writes.
import pg from 'pg';
import type { Logger } from 'pino';
import { DirectoryIndex, type IndexSource } from './search-index.js';

export const CHANGE_CHANNEL = 'coopdir_cooperative_changed';
const PAGE = 10_000;
const FULL_RELOAD_ABOVE = 5_000;

const SELECT = `
  SELECT c.id, c.name, c.trade_names AS "tradeNames", c.acronym, c.siren, c.siret, c.family::text AS family,
         c.company_form::text AS "companyForm", c.is_cae AS "isCae", c.is_amorcage AS "isAmorcage",
         c.is_grouping AS "isGrouping", c.origin::text AS origin, c.region_code AS "regionCode",
         c.department_code AS "departmentCode", c.commune_code AS "communeCode", c.commune_name AS "communeName",
         c.postal_code AS "postalCode", c.naf_code AS "nafCode", c.sectors, c.activity, c.description, c.employees,
         c.headcount_band AS "headcountBand", c.founded_year AS "foundedYear", c.founded_month AS "foundedMonth",
         c.founded_day AS "foundedDay", c.became_cooperative_year AS "becameCooperativeYear",
         c.became_cooperative_month AS "becameCooperativeMonth", c.became_cooperative_day AS "becameCooperativeDay",
         c.latitude, c.longitude, c.updated_at AS "updatedAt", c.published, c.archived_at IS NOT NULL AS archived,
         c.membership_status::text AS "membershipStatus", c.advisor_id AS "advisorId",
         coalesce((SELECT jsonb_object_agg(t.trait_key, t.present) FROM cooperative_trait t WHERE t.cooperative_id = c.id), '{}') AS traits
    FROM cooperative c`;

function source(row: IndexSource): IndexSource {
  return { ...row, tradeNames: row.tradeNames ?? [], sectors: row.sectors ?? [] };
}

export type DirectorySearch = {
  /** The current index; replaced whole after a full reload. */
  readonly index: DirectoryIndex;
  /** Re-reads these profiles now (after a write by this instance). */
  refresh(ids: string[]): Promise<void>;
  close(): Promise<void>;
};

async function loadAll(pool: pg.Pool): Promise<DirectoryIndex> {
  const index = new DirectoryIndex();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await pool.query<IndexSource>(`${SELECT} WHERE c.id > $1 ORDER BY c.id LIMIT ${PAGE}`, [
      after,
    ]);
    for (const row of rows) index.upsert(source(row), true);
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  index.finish();
  return index;
}

export async function startDirectorySearch(options: {
  pool: pg.Pool;
  url: string;
  logger: Logger;
}): Promise<DirectorySearch> {
  const { pool, logger } = options;
  const started = performance.now();
  let index = await loadAll(pool);
  logger.info({ profiles: index.size, ms: Math.round(performance.now() - started) }, 'directory index built');

  const pending = new Set<string>();
  let flushing: Promise<void> | null = null;
  let closed = false;

  async function apply(ids: string[]) {
    if (ids.length > FULL_RELOAD_ABOVE) {
      const fresh = await loadAll(pool);
      fresh.version = index.version + 1;
      index = fresh;
      return;
    }
    const { rows } = await pool.query<IndexSource>(`${SELECT} WHERE c.id = ANY($1::uuid[])`, [ids]);
    const found = new Set(rows.map((row) => row.id));
    for (const row of rows) index.upsert(source(row));
    for (const id of ids) if (!found.has(id)) index.remove(id);
  }

  function flushSoon() {
    if (flushing || closed) return;
    flushing = (async () => {
      await new Promise((done) => setTimeout(done, 5));
      while (pending.size && !closed) {
        const ids = [...pending];
        pending.clear();
        await apply(ids).catch((error: unknown) => {
          logger.error({ err: error }, 'could not refresh the directory index; retrying');
          for (const id of ids) pending.add(id);
          return new Promise((done) => setTimeout(done, 1_000));
        });
      }
      flushing = null;
    })();
  }

  // A dedicated connection for LISTEN; on loss, reconnect and reload everything (notifications were missed).
  let listener: pg.Client | null = null;
  async function listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: options.url,
      application_name: 'coopdir-search-listener',
    });
    client.on('notification', (message) => {
      if (message.payload) pending.add(message.payload);
      flushSoon();
    });
    client.on('error', (error) => {
      logger.warn({ err: error }, 'directory index listener lost its connection');
      void client.end().catch(() => {});
      if (listener === client) listener = null;
      if (!closed) setTimeout(() => void reconnect(), 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    listener = client;
  }
  async function reconnect() {
    if (closed || listener) return;
    try {
      await listen();
      const fresh = await loadAll(pool);
      fresh.version = index.version + 1;
      index = fresh;
      logger.info({ profiles: index.size }, 'directory index listener reconnected; index reloaded');
    } catch {
      if (!closed) setTimeout(() => void reconnect(), 2_000).unref();
    }
  }
  await listen();

  return {
    get index() {
      return index;
    },
    async refresh(ids) {
      await apply(ids);
    },
    async close() {
      closed = true;
      await flushing;
      await listener?.end().catch(() => {});
    },
  };
}

/** A directory with no profiles and no database behind it: for rendering the OpenAPI document. */
export function emptyDirectorySearch(): DirectorySearch {
  const index = new DirectoryIndex();
  return { index, refresh: async () => {}, close: async () => {} };
}
