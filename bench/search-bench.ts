// npm run bench:search [-- --count N --duration S --concurrency 1,8 --warmup S --shapes a,b]: the directory
// search under load against its own embedded PostgreSQL, beside the same requests in plain SQL. Prints, never asserts.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { type EmbeddedPostgres, findFreePort, startEmbeddedPostgres } from '../src/db/db-embedded.js';
import { migrateDatabase } from '../src/db/db-migrator.js';
import { loadDemoData } from '../src/db/db-seed.js';
import type { LoadJob } from './bench-load.js';
import {
  describeRun,
  explainReport,
  markdownTable,
  type Row,
  type RunMessage,
  type RunResult,
  totalsReport,
} from './bench-report.js';
import { buildShapes } from './bench-shapes.js';
import type { SqlJob } from './bench-sql.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 180_000;

const { values: options } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '1,8' },
    warmup: { type: 'string', default: '3' },
    shapes: { type: 'string' },
  },
});
const count = Number(options.count);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const concurrencies = options.concurrency.split(',').map(Number);
if (![count, duration, warmup, ...concurrencies].every((n) => Number.isInteger(n) && n >= 0)) {
  process.stderr.write(
    'usage: npm run bench:search -- [--count N] [--duration S] [--concurrency 1,8] [--warmup S]\n',
  );
  process.exit(64);
}

const print = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const logger = pino({ level: 'warn' });
const children = new Set<ChildProcess>();

/** Runs a load or SQL job in a child process of its own and returns its figures. */
function runChild(script: 'bench-load.ts' | 'bench-sql.ts', job: LoadJob | SqlJob): Promise<RunResult> {
  const child = fork(join(ROOT, 'bench', script), [], { cwd: ROOT, execArgv: ['--import', 'tsx'] });
  children.add(child);
  return new Promise<RunResult>((done, fail) => {
    child.once('message', (message: RunMessage) =>
      message.ok ? done(message.result) : fail(new Error(message.error)),
    );
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code} before reporting`)));
    child.send(job);
  }).finally(() => children.delete(child));
}

class ServiceExitError extends Error {}
type Service = { process: ChildProcess; baseUrl: string; logs: string[] };

async function startService(databaseUrl: string, entry: string): Promise<Service & { readyMs: number }> {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'never',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const logs: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const baseUrl = `http://127.0.0.1:${port}`;
  while (performance.now() - started < READY_TIMEOUT_MS) {
    if (child.exitCode !== null)
      throw new ServiceExitError(
        `${entry} exited with ${child.exitCode} after ${seconds(performance.now() - started)}:\n${logs.slice(-20).join('\n')}`,
      );
    const ready = await fetch(`${baseUrl}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { process: child, baseUrl, logs, readyMs: performance.now() - started };
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the service was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function memoryOf(pid: number | undefined): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
  return `RSS ${field('VmRSS').toFixed(0)} MB (peak ${field('VmHWM').toFixed(0)} MB)`;
}

async function main(embedded: { server?: EmbeddedPostgres }, dataDir: string) {
  print(
    `# Coopdir search benchmark: ${count} profiles, ${duration} s per run, concurrency ${concurrencies.join(', ')}`,
  );
  print(
    `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  // A throw-away server: durability buys nothing here and slows the load.
  const flags = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  embedded.server = await startEmbeddedPostgres({ dataDir, logger, postgresFlags: flags });
  const url = embedded.server.url;
  await migrateDatabase(url, { logger });
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'coopdir-bench' });
  try {
    const { rows } = await pool.query<{ version: string }>('SELECT version()');
    print(`${rows[0]?.version.split(' on ')[0]} (embedded, port ${embedded.server.port})`);
    let started = performance.now();
    const summary = await loadDemoData(pool, { count, seed: Number(options.seed) });
    print(`Loaded ${summary.cooperatives} profiles in ${seconds(performance.now() - started)}`);
    started = performance.now();
    await pool.query('ANALYZE');
    print(`ANALYZE in ${seconds(performance.now() - started)}`);

    const service = await startService(url, 'src/server.ts').catch(async (error: unknown) => {
      // Reported, then worked around, so that the rest of the figures still come out.
      if (!(error instanceof ServiceExitError && error.message.includes('AVV_ERR_PLUGIN_EXEC_TIMEOUT')))
        throw error;
      const [first, ...rest] = error.message.split('\n');
      const cause = rest.find((line) => line.includes('FastifyError'))?.slice(0, 140);
      print(`\n**src/server.ts did not start**: ${first}\n  ${cause}…`);
      print('Falling back to bench/bench-server.ts (the same app, the index built before buildApp)\n');
      return startService(url, 'bench/bench-server.ts');
    });
    print(
      `Service ready in ${seconds(service.readyMs)} (index build included); ${memoryOf(service.process.pid)}`,
    );
    for (const line of service.logs.filter((l) => l.startsWith('bench-server:'))) print(line);
    const shapes = (await buildShapes({ pool, baseUrl: service.baseUrl })).filter(
      (shape) => !options.shapes || options.shapes.split(',').includes(shape.name),
    );
    print(`Shapes: ${shapes.map((s) => `${s.name} (${s.requests.length} URLs)`).join(', ')}`);
    print(
      "\n## Totals of each shape's first request: service vs direct SQL (text matching differs by design)",
    );
    for (const line of await totalsReport(pool, service.baseUrl, shapes)) print(line);
    print('\n## Indexes used by the direct SQL (EXPLAIN ANALYZE, BUFFERS; one request per shape)');
    for (const line of await explainReport(pool, shapes)) print(line);

    const mix = shapes.find((s) => s.name === 'mix') ?? shapes[0]!;
    const top = Math.max(...concurrencies);
    if (warmup > 0) {
      print(`\nWarming up: ${mix.name} for ${warmup} s at concurrency ${top}, service then SQL`);
      await runChild('bench-load.ts', {
        baseUrl: service.baseUrl,
        paths: mix.requests.map((r) => r.path),
        connections: top,
        duration: warmup,
      });
      await runChild('bench-sql.ts', {
        url,
        requests: mix.requests.map((r) => r.sql),
        connections: top,
        duration: warmup,
      });
    }

    print('\n## Runs');
    const results: Row[] = [];
    for (const shape of shapes) {
      for (const concurrency of concurrencies) {
        const paths = shape.requests.map((r) => r.path);
        const serviceRun = await runChild('bench-load.ts', {
          baseUrl: service.baseUrl,
          paths,
          connections: concurrency,
          duration,
        });
        const sqlRun = await runChild('bench-sql.ts', {
          url,
          requests: shape.requests.map((r) => r.sql),
          connections: concurrency,
          duration,
        });
        results.push({ shape: shape.name, concurrency, service: serviceRun, sql: sqlRun });
        print(`${shape.name} c=${concurrency} (load average ${loadavg()[0]!.toFixed(2)})`);
        print(`  ${describeRun('service', serviceRun)}`);
        print(`  ${describeRun('direct SQL', sqlRun)}`);
      }
    }

    print(
      '\n## Table (service figures; direct SQL = the same requests in plain SQL on a pool of c connections)\n',
    );
    print(markdownTable(results));
    print(`\nService process: ${memoryOf(service.process.pid)}`);
    const problems = service.logs.filter((line) => /"level":(40|50|60)/.test(line));
    print(`Service log lines at warn or above: ${problems.length}`);
    for (const line of problems.slice(0, 5)) print(`  ${line.slice(0, 300)}`);
    print(
      `Load average at the end: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await pool.end();
  }
}

async function stopChildren() {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(force);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

const dataDir = join(tmpdir(), `coopdir-bench-pg-${process.pid}`);
const embedded: { server?: EmbeddedPostgres } = {};
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await stopChildren();
    await embedded.server
      ?.stop()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not stop PostgreSQL'));
    await rm(dataDir, { recursive: true, force: true });
  })());
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    interrupted = true;
    print(`\n${signal}: stopping the service, the load and PostgreSQL`);
    void cleanUp().finally(() => process.exit(130));
  });

try {
  await main(embedded, dataDir);
} catch (error) {
  if (!interrupted) process.stderr.write(`benchmark failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
