// The process: read config, open the database, build the app, listen, and shut down gracefully.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { openDatabase } from './db/db-bootstrap.js';
import { createLogger } from './logger.js';
import { startDirectorySearch } from './search/search-sync.js';

const config = loadConfigOrExit();

const logger = createLogger(config);
const database = await openDatabase(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'could not open the database');
  process.exit(1);
});
// Built before the app: at 100,000 profiles this takes longer than Fastify lets a plugin start.
const directory = await startDirectorySearch({ pool: database.db.pool, url: database.url, logger });
const app = await buildApp({ config, db: database.db, logger, directory });

closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS, logger }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'shutting down after an unexpected error');
  else logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
  await app.close();
  await directory.close();
  await database.close();
  logger.info('stopped');
});

await app.listen({ port: config.PORT, host: config.HOST });
logger.info(
  { port: config.PORT, readyInMs: Math.round(process.uptime() * 1000), embedded: Boolean(database.embedded) },
  `Coopdir ready on http://localhost:${config.PORT} (docs: /docs)`,
);
