// The process as a newcomer runs it: `npm start` without DATABASE_URL, Ctrl-C, and start again.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/db/db-embedded.js';

type LogLine = { level: number; msg: string; [key: string]: unknown };
type Running = { child: ChildProcess; logs: LogLine[]; exited: Promise<number | null> };

const root = new URL('..', import.meta.url).pathname;

function startServer(env: Record<string, string>): Promise<Running> {
  const { DATABASE_URL: _url, TEST_DATABASE_URL: _test, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...inherited, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a test can send Ctrl-C to the group as a terminal does
  });
  const logs: LogLine[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line));
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done, fail) => {
    const timer = setInterval(() => {
      if (logs.some((l) => l.msg.startsWith('Coopdir ready'))) {
        clearInterval(timer);
        done({ child, logs, exited });
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      fail(new Error(`server exited with ${code} before it was ready: ${stderr}\n${JSON.stringify(logs)}`));
    });
  });
}

function postgresProcessesUsing(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function countCooperatives(logs: LogLine[]): Promise<number> {
  const port = logs.find((l) => typeof l.dataDir === 'string' && typeof l.port === 'number')?.port;
  const client = new pg.Client({
    host: '127.0.0.1',
    port: Number(port),
    user: 'postgres',
    password: 'coopdir',
    database: 'coopdir',
  });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM cooperative')).rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('npm start without DATABASE_URL', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('starts an embedded database with demo data, stops cleanly on Ctrl-C and reuses the data next time', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'coopdir-start-'));
    await chmod(parent, 0o755); // PostgreSQL runs as its own user when the tests run as root
    const dataDir = join(parent, 'postgres');
    dirs.push(parent);
    const port = String(await findFreePort());

    const first = await startServer({ PORT: port, EMBEDDED_PG_DIR: dataDir });
    const ready = first.logs.find((l) => l.msg.startsWith('Coopdir ready'))!;
    expect(ready.readyInMs).toEqual(expect.any(Number));
    expect(first.logs.some((l) => l.msg.includes('npm run db:reset') && l.dataDir === dataDir)).toBe(true);
    expect(first.logs.some((l) => l.msg.startsWith('loaded the demo directory'))).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    const seeded = await countCooperatives(first.logs);
    expect(seeded).toBeGreaterThanOrEqual(200);

    process.kill(-first.child.pid!, 'SIGINT'); // Ctrl-C in a terminal reaches the whole process group
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(postgresProcessesUsing(dataDir)).toEqual([]);

    const second = await startServer({ PORT: port, EMBEDDED_PG_DIR: dataDir });
    expect(second.logs.some((l) => l.msg.startsWith('loaded the demo directory'))).toBe(false);
    expect(await countCooperatives(second.logs)).toBe(seeded);

    second.child.kill('SIGTERM'); // an orchestrator stops the service process alone
    expect(await second.exited).toBe(0);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(postgresProcessesUsing(dataDir)).toEqual([]);
  }, 120_000);

  it('refuses a bad configuration at start with a message naming the variable', async () => {
    const { DATABASE_URL: _url, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { ...inherited, PORT: 'eighty', DATABASE_POOL_SIZE: '-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(78);
    expect(stderr).toMatch(/PORT: .*"eighty"/);
    expect(stderr).toMatch(/DATABASE_POOL_SIZE:/);
  }, 30_000);
});
