// npm run db:seed [-- --count N --seed N] — migrates the database and loads the demo directory into it.
// Uses DATABASE_URL when set, else the embedded PostgreSQL the service starts; refuses a non-empty directory.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfigOrExit } from '../src/config.js';
import { MAX_DEMO_COUNT } from '../src/db/db-demo-data.js';
import { migrateDatabase } from '../src/db/db-migrator.js';
import { DemoDataRefusedError, loadDemoData } from '../src/db/db-seed.js';
import { openDatabaseTarget } from '../src/db/db-target.js';
import { createLogger } from '../src/logger.js';

const USAGE = 'usage: npm run db:seed -- [--count N] [--seed N]  (defaults: 300 cooperatives, seed 1)';

function integerOption(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    process.stderr.write(`--${name} must be an integer from 0 to ${max}, got "${text}"\n${USAGE}\n`);
    process.exit(64); // EX_USAGE
  }
  return value;
}

let options: { count: string; seed: string };
try {
  options = parseArgs({
    options: { count: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' } },
  }).values;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(64);
}
const count = integerOption('count', options.count, MAX_DEMO_COUNT);
const seed = integerOption('seed', options.seed, 0xffffffff);

const config = loadConfigOrExit();
const logger = createLogger(config);
const target = await openDatabaseTarget(config, logger);
const url = target.url;
try {
  await migrateDatabase(url, { logger });
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'coopdir-seed' });
  const started = performance.now();
  const summary = await loadDemoData(pool, { count, seed }).finally(() => pool.end());
  const ms = Math.round(performance.now() - started);
  logger.info(
    { ...summary, seed, ms },
    `loaded ${summary.cooperatives} demo cooperatives in ${(ms / 1000).toFixed(1)} s`,
  );
} catch (error) {
  if (error instanceof DemoDataRefusedError) logger.error(`${error.message}; "npm run db:reset" starts over`);
  else logger.error({ err: error }, 'seeding failed');
  process.exitCode = 1;
} finally {
  await target.stop();
}
