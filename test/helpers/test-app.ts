// Builds the real app over a fresh test database; `listen: true` also serves it on a loopback port.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/db/db-client.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export type TestApp = {
  app: FastifyInstance;
  db: Database;
  database: TestDatabase;
  baseUrl: string;
  close(): Promise<void>;
};

export const testLogger = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

type TestAppOptions = {
  listen?: boolean;
  env?: Record<string, string>;
  /** Extra routes a test needs, added before the app is ready. */
  routes?: (app: FastifyInstance) => void;
  /** Work on the fresh database before the app starts (e.g. loading demo data). */
  beforeStart?: (databaseUrl: string) => Promise<void>;
};

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await options.beforeStart?.(database.url);
  const config = loadConfig({ DATABASE_URL: database.url, ...options.env });
  const db = createDatabase({ url: database.url, poolSize: 4, logger: testLogger() });
  const app = await buildApp({ config, db, logger: testLogger() });
  options.routes?.(app);
  let baseUrl = '';
  if (options.listen) baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();
  return {
    app,
    db,
    database,
    baseUrl,
    async close() {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
}
