// npm run keys -- create --role advisor --name "crm-sync" [--expires 2027-12-31] | list | revoke <id>
// Works on DATABASE_URL, or on the embedded database the service uses.
import { parseArgs } from 'node:util';
import { API_ROLES, type ApiRole, createApiKeysRepository } from '../src/auth/auth-keys.js';
import { apiKeyView } from '../src/auth/auth-routes.js';
import { loadConfigOrExit } from '../src/config.js';
import { createDatabase } from '../src/db/db-client.js';
import { migrateDatabase } from '../src/db/db-migrator.js';
import { openDatabaseTarget } from '../src/db/db-target.js';
import { createLogger } from '../src/logger.js';

const USAGE = `usage:
  npm run keys -- create --role advisor|analyst|admin --name "crm-sync" [--expires 2027-12-31]
  npm run keys -- list
  npm run keys -- revoke <key id>`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { role: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const [command, ...rest] = positionals;
if (!command || !['create', 'list', 'revoke'].includes(command))
  fail('say what to do: create, list or revoke');

const config = loadConfigOrExit();
const logger = createLogger({
  ...config,
  LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
});
const target = await openDatabaseTarget(config, logger);
const url = target.url;
const db = createDatabase({ url, poolSize: 1, logger });
try {
  await migrateDatabase(url, { logger });
  const keys = createApiKeysRepository(db.prisma);
  if (command === 'create') {
    const role = values.role as ApiRole | undefined;
    if (!role || !API_ROLES.includes(role)) fail(`--role must be one of ${API_ROLES.join(', ')}`);
    const name = values.name?.trim();
    if (!name) fail('--name is required (who or what uses the key)');
    const expiresAt = values.expires ? new Date(values.expires) : null;
    if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= new Date()))
      fail('--expires must be a future date');
    const { key, token } = await keys.create({ name, role, expiresAt, createdBy: 'command line' });
    process.stdout.write(`${JSON.stringify({ ...apiKeyView(key), token }, null, 2)}\n`);
    process.stderr.write('Store the token now: it is shown only once.\n');
  } else if (command === 'list') {
    process.stdout.write(`${JSON.stringify((await keys.list()).map(apiKeyView), null, 2)}\n`);
  } else {
    const id = rest[0];
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) fail('revoke needs the key id (a UUID, see "list")');
    const key = await keys.revoke(id);
    if (!key) fail(`no API key has the id ${id}`);
    process.stdout.write(`${JSON.stringify(apiKeyView(key), null, 2)}\n`);
  }
} finally {
  await db.close();
  await target.stop();
}
