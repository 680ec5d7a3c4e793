// The database handle: one pg pool shared by Prisma Client (through @prisma/adapter-pg) and raw SQL.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Logger } from 'pino';
import { PrismaClient } from '../generated/prisma/client.js';

export type Database = {
  /** The connection URL, for connections outside the pool (LISTEN). */
  url: string;
  prisma: PrismaClient;
  /** For SQL Prisma cannot express (search, facets, streaming); parameters only, never concatenation. */
  pool: pg.Pool;
  close(): Promise<void>;
};

export type DatabaseOptions = { url: string; poolSize: number; statementTimeoutMs?: number; logger?: Logger };

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'coopdir',
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection failed'));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed = false;
  return {
    url: options.url,
    prisma,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
