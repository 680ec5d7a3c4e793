// Opens the service's database: the configured server, or an embedded one; migrates; loads demo data.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createDatabase, type Database } from './db-client.js';
import type { EmbeddedPostgres } from './db-embedded.js';
import { migrateDatabase } from './db-migrator.js';
import { loadDemoData } from './db-seed.js';
import { openDatabaseTarget } from './db-target.js';

export type OpenedDatabase = {
  db: Database;
  url: string;
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
};

export async function openDatabase(config: Config, logger: Logger): Promise<OpenedDatabase> {
  const target = await openDatabaseTarget(config, logger);
  const { url, embedded } = target;
  if (embedded) {
    logger.info(
      { dataDir: embedded.dataDir, port: embedded.port },
      `embedded PostgreSQL: data in ${embedded.dataDir} (kept across restarts; reset it with "npm run db:reset")`,
    );
  }
  try {
    if (config.MIGRATE_ON_START) await migrateDatabase(url, { logger });
    const db = createDatabase({
      url,
      poolSize: config.DATABASE_POOL_SIZE,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      logger,
    });
    const wantsDemo = config.DEMO_DATA === 'if-empty' || (config.DEMO_DATA === 'auto' && embedded);
    if (wantsDemo && (await db.prisma.cooperative.count()) === 0) {
      const started = Date.now();
      const summary = await loadDemoData(db.pool);
      logger.info(
        { ...summary, ms: Date.now() - started },
        'loaded the demo directory into the empty database',
      );
    }
    return {
      db,
      url,
      embedded,
      async close() {
        await db.close();
        await target.stop();
      },
    };
  } catch (error) {
    await target.stop();
    throw error;
  }
}
