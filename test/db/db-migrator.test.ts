import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, migrateDatabase, readMigrations } from '../../src/db/db-migrator.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ empty: true });
  cleanups.push(() => database.drop());
  return database;
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coopdir-migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it('applies each migration exactly once when several instances start together', async () => {
    const { url } = await emptyDatabase();
    const runs = await Promise.all([1, 2, 3, 4].map(() => migrateDatabase(url)));
    const local = await readMigrations();
    expect(runs.flat().sort()).toEqual(local.map((m) => m.name).sort());
    expect(runs.filter((names) => names.length > 0)).toHaveLength(1);

    const history = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(history).toHaveLength(local.length);
    for (const [index, row] of history.entries()) {
      const file = await readFile(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.migration_name).toBe(local[index]!.name);
      // Prisma's checksum: SHA-256 of the file's bytes, in hex.
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await migrateDatabase(url)).toEqual([]);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const { url } = await emptyDatabase();
    const dir = await copyOfMigrations();
    const [first] = await readMigrations(dir);
    await migrateDatabase(url, { dir });
    const file = join(dir, first!.name, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- a later edit\n`);

    await expect(migrateDatabase(url, { dir })).rejects.toThrow(MigrationError);
    await expect(migrateDatabase(url, { dir })).rejects.toThrow(/was modified after it was applied/);
  });

  it('rolls a failing migration back entirely and records nothing, then applies it once fixed', async () => {
    const { url } = await emptyDatabase();
    const dir = await copyOfMigrations();
    const broken = join(dir, '29991231000000_broken');
    await mkdir(broken);
    await writeFile(
      join(broken, 'migration.sql'),
      'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n',
    );

    await expect(migrateDatabase(url, { dir })).rejects.toThrow(
      /29991231000000_broken failed and was rolled back/,
    );
    const tables = await query(url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(tables).toHaveLength(0);
    const recorded = await query(url, "SELECT 1 FROM _prisma_migrations WHERE migration_name LIKE '%broken'");
    expect(recorded).toHaveLength(0);
    // The migrations before it were applied and stay applied.
    expect(
      await query(url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'cooperative'"),
    ).toHaveLength(1);

    await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE "half_done" (id int);\n');
    expect(await migrateDatabase(url, { dir })).toEqual(['29991231000000_broken']);
  });

  it('refuses to run over a migration Prisma recorded as failed and unfinished', async () => {
    const { url } = await emptyDatabase();
    await migrateDatabase(url);
    await query(
      url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ('00000000-0000-0000-0000-000000000001', 'x', '29990101000000_failed_elsewhere', now(), 0)`,
    );
    await expect(migrateDatabase(url)).rejects.toThrow(/failed earlier and is recorded as unfinished/);
  });
});
