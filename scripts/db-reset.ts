// npm run db:reset — empties the database (all tables, migration history included), migrates it again and
// reloads the demo directory. Refuses a DATABASE_URL unless --yes is given: it destroys data.
import pg from 'pg';
import { loadConfigOrExit } from '../src/config.js';
import { migrateDatabase } from '../src/db/db-migrator.js';
import { loadDemoData } from '../src/db/db-seed.js';
import { openDatabaseTarget } from '../src/db/db-target.js';
import { createLogger } from '../src/logger.js';

const config = loadConfigOrExit();
const logger = createLogger(config);
if (config.DATABASE_URL && !process.argv.includes('--yes')) {
  logger.error(
    'DATABASE_URL is set: this would erase that database. Run again with "npm run db:reset -- --yes".',
  );
  process.exit(1);
}
const target = await openDatabaseTarget(config, logger);
const url = target.url;
const client = new pg.Client(url);
try {
  await client.connect();
  await client.query('DROP SCHEMA public CASCADE');
  await client.query('CREATE SCHEMA public');
  await client.end();
  await migrateDatabase(url, { logger });
  if (!process.argv.includes('--empty')) {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const summary = await loadDemoData(pool).finally(() => pool.end());
    logger.info(summary, 'demo directory loaded');
  }
  logger.info('database reset');
} catch (error) {
  logger.error({ err: error }, 'reset failed');
  process.exitCode = 1;
} finally {
  await target.stop();
}
