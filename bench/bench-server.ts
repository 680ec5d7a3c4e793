// The service as src/server.ts runs it, except that the directory index is built before buildApp(): at 100,000
// profiles the build can outlast Fastify's 10 s plugin timeout. The benchmark falls back to this entry then, and says so.
import { buildApp } from '../src/app.js';
import { loadConfigOrExit } from '../src/config.js';
import { openDatabase } from '../src/db/db-bootstrap.js';
import { createLogger } from '../src/logger.js';
import { startDirectorySearch } from '../src/search/search-sync.js';

const config = loadConfigOrExit();
const logger = createLogger(config);
const database = await openDatabase(config, logger);
const started = performance.now();
const directory = await startDirectorySearch({ pool: database.db.pool, url: database.url, logger });
process.stderr.write(
  `bench-server: directory index built in ${Math.round(performance.now() - started)} ms\n`,
);
const app = await buildApp({ config, db: database.db, logger, directory });
await app.listen({ port: config.PORT, host: config.HOST });

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, async () => {
    await app.close();
    await directory.close();
    await database.close();
    process.exit(0);
  });
