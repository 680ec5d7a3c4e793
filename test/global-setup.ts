// Once per run: start the PostgreSQL server and migrate a template database that each test file clones.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../src/db/db-migrator.js';
import { databaseUrl, startTestServer } from './helpers/test-server.js';

export type TestDatabaseContext = { adminUrl: string; template: string; prefix: string; kind: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseContext;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const server = await startTestServer();
  const prefix = `coopdir_t${process.pid}_`;
  const template = `${prefix}template`;
  const admin = new pg.Client(server.adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.query(`CREATE DATABASE "${template}"`);
  await migrateDatabase(databaseUrl(server.adminUrl, template));
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
  console.log(
    `test PostgreSQL ${rows[0]?.server_version} (${server.kind}) ready in ${Date.now() - started} ms`,
  );
  project.provide('testDatabase', { adminUrl: server.adminUrl, template, prefix, kind: server.kind });

  return async () => {
    const { rows: leftovers } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'",
      [prefix],
    );
    for (const { datname } of leftovers)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
    await server.stop();
  };
}
