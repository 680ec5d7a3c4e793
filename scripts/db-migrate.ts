// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import { loadConfig } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/db/db-embedded.js';
import { migrateDatabase } from '../src/db/db-migrator.js';
import { createLogger } from '../src/logger.js';

const config = loadConfig();
const logger = createLogger(config);
const embedded = config.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, logger });
try {
  const applied = await migrateDatabase(config.DATABASE_URL ?? embedded!.url, { logger });
  logger.info(
    { applied },
    applied.length ? `applied ${applied.length} migration(s)` : 'the database is up to date',
  );
} catch (error) {
  logger.error({ err: error }, 'migration failed');
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
