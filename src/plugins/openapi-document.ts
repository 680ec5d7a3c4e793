// Renders the OpenAPI document of the whole app, as served at /openapi.json, without a database.
import pino from 'pino';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/db-client.js';
import { emptyDirectorySearch } from '../search/search-sync.js';

export async function renderOpenapiYaml(): Promise<string> {
  // A pool connects lazily: building the app to read its routes touches no database.
  const db = createDatabase({ url: 'postgresql://localhost/openapi', poolSize: 1 });
  const app = await buildApp({
    config: loadConfig({}),
    db,
    logger: pino({ level: 'silent' }),
    directory: emptyDirectorySearch(),
  });
  try {
    await app.ready();
    return app.swagger({ yaml: true });
  } finally {
    await app.close();
    await db.close();
  }
}
