// Picks the PostgreSQL server for a test run: TEST_DATABASE_URL, else a testcontainers container
// when a container runtime answers quickly, else an embedded PostgreSQL in a temporary folder.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../src/db/db-embedded.js';

export type TestServer = {
  kind: 'url' | 'testcontainers' | 'embedded';
  adminUrl: string;
  stop(): Promise<void>;
};

const RUNTIME_PROBE_MS = 3_000;

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function startTestServer(): Promise<TestServer> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { kind: 'url', adminUrl: given, stop: async () => {} };
  return (await tryTestcontainers()) ?? (await startEmbedded());
}

async function tryTestcontainers(): Promise<TestServer | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const reachable = await Promise.race([
    getContainerRuntimeClient().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((done) => setTimeout(() => done(false), RUNTIME_PROBE_MS).unref()),
  ]);
  if (!reachable) return undefined;
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:18-alpine').start();
  return {
    kind: 'testcontainers',
    adminUrl: container.getConnectionUri(),
    stop: async () => void (await container.stop()),
  };
}

async function startEmbedded(): Promise<TestServer> {
  const dataDir = join(tmpdir(), `coopdir-test-pg-${process.pid}`);
  const server = await startEmbeddedPostgres({
    dataDir,
    database: 'postgres',
    logger: pino({ level: 'warn' }),
    // A throw-away server: durability buys nothing here and slows every CREATE DATABASE.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
  });
  return {
    kind: 'embedded',
    adminUrl: server.url,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
