// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import { loadConfigOrExit } from '../src/config.js';
import { migrateDatabase } from '../src/db/db-migrator.js';
import { openDatabaseTarget } from '../src/db/db-target.js';
import { createLogger } from '../src/logger.js';

const config = loadConfigOrExit();
const logger = createLogger(config);
const target = await openDatabaseTarget(config, logger);
try {
  const applied = await migrateDatabase(target.url, { logger });
  logger.info(
    { applied },
    applied.length ? `applied ${applied.length} migration(s)` : 'the database is up to date',
  );
} catch (error) {
  logger.error({ err: error }, 'migration failed');
  process.exitCode = 1;
} finally {
  await target.stop();
}
