// The database a process works on: DATABASE_URL, or else the embedded PostgreSQL the service uses.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './db-embedded.js';

export type DatabaseTarget = { url: string; embedded?: EmbeddedPostgres; stop(): Promise<void> };

export async function openDatabaseTarget(
  config: Pick<Config, 'DATABASE_URL' | 'EMBEDDED_PG_DIR' | 'EMBEDDED_PG_PORT'>,
  logger: Logger,
): Promise<DatabaseTarget> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => {} };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    logger,
  });
  return { url: embedded.url, embedded, stop: () => embedded.stop() };
}
