// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` does, without Prisma's
// schema engine: same lock, same history table, same checksums, so Prisma's CLI agrees with it.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';

/** The advisory lock key Prisma Migrate takes, so our migrator and Prisma's never run at once. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export const MIGRATIONS_DIR = new URL('../../prisma/migrations/', import.meta.url).pathname;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export type LocalMigration = { name: string; sql: string; checksum: string };

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(dir, name, 'migration.sql'));
      return {
        name,
        sql: bytes.toString('utf8'),
        checksum: createHash('sha256').update(bytes).digest('hex'),
      };
    }),
  );
}

// Prisma's own definition of its history table.
const CREATE_HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id")
)`;

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/**
 * Applies every pending migration, each in its own transaction, under Prisma's advisory lock so that
 * instances starting together migrate once. Refuses to run when an applied migration was edited
 * or an earlier one failed. Returns the names it applied.
 */
export async function migrateDatabase(
  url: string,
  options: { logger?: Logger; dir?: string } = {},
): Promise<string[]> {
  const log = options.logger;
  const local = await readMigrations(options.dir);
  const client = new pg.Client({ connectionString: url, application_name: 'coopdir-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    await client.query(CREATE_HISTORY_TABLE);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    const applied = new Map<string, AppliedRow>();
    for (const row of rows) {
      if (row.rolled_back_at) continue;
      if (!row.finished_at) {
        throw new MigrationError(
          `Migration ${row.migration_name} failed earlier and is recorded as unfinished; ` +
            'fix the database, then mark it rolled back (prisma migrate resolve --rolled-back) before starting again.',
        );
      }
      applied.set(row.migration_name, row);
    }
    for (const migration of local) {
      const row = applied.get(migration.name);
      if (row && row.checksum !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.name} was modified after it was applied (checksum ${migration.checksum} ` +
            `differs from the recorded ${row.checksum}). Restore the original file and put the change in a new migration.`,
        );
      }
    }
    const known = new Set(local.map((migration) => migration.name));
    for (const name of applied.keys()) {
      if (!known.has(name))
        log?.warn({ migration: name }, 'the database has a migration this code does not know');
    }

    const done: string[] = [];
    for (const migration of local.filter((m) => !applied.has(m.name))) {
      const started = Date.now();
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(
          `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      log?.info({ migration: migration.name, ms: Date.now() - started }, 'applied migration');
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
