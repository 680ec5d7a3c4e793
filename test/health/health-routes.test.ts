import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/db-client.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { buildTestApp, type TestApp, testLogger } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('health probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ listen: true });
  });
  afterAll(() => t.close());

  it('answers liveness over real HTTP', async () => {
    const response = await fetch(`${t.baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('reports ready when the database answers', async () => {
    const response = await fetch(`${t.baseUrl}/health/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; database: { latencyMs: number } };
    expect(body.status).toBe('ready');
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps a sane caller request id and replaces an unsafe one', async () => {
    const kept = await fetch(`${t.baseUrl}/health/live`, { headers: { 'x-request-id': 'crm-sync.42' } });
    expect(kept.headers.get('x-request-id')).toBe('crm-sync.42');
    const replaced = await fetch(`${t.baseUrl}/health/live`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('readiness during a database outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startTcpProxy(new URL(database.url));
  });
  afterAll(async () => {
    await proxy.close();
    await database.drop();
  });

  it('fails with 503 problem+json while the database is unreachable and recovers when it returns', async () => {
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const db = createDatabase({ url: viaProxy.toString(), poolSize: 2, logger: testLogger() });
    const app = await buildApp({
      config: loadConfig({ DATABASE_URL: viaProxy.toString() }),
      db,
      logger: testLogger(),
    });
    try {
      expect((await app.inject('/health/ready')).statusCode).toBe(200);

      proxy.cut();
      const down = await app.inject('/health/ready');
      expect(down.statusCode).toBe(503);
      expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(down.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
      expect(down.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
      expect((await app.inject('/health/live')).statusCode).toBe(200);

      proxy.restore();
      let recovered = 0;
      for (let attempt = 0; attempt < 30 && recovered !== 200; attempt++) {
        if (attempt > 0) await new Promise((done) => setTimeout(done, 100));
        recovered = (await app.inject('/health/ready')).statusCode;
      }
      expect(recovered).toBe(200);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
