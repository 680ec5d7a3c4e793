import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeysRepository } from '../../src/auth/auth-keys.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { type Keys, makeApiKeys, makeCooperativeBody } from '../helpers/test-factories.js';

type Caller = 'public' | keyof Keys;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

let t: TestApp;
let keys: Keys;

beforeAll(async () => {
  t = await buildTestApp();
  keys = await makeApiKeys(t.db);
});
afterAll(() => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function call(method: Method, url: string, headers: Record<string, string> = {}, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status });
}

function expectBearerChallenge(response: LightMyRequestResponse) {
  expectProblem(response, 401);
  expect(String(response.headers['www-authenticate'])).toMatch(/^Bearer\b/);
}

async function createKey(body: Record<string, unknown>) {
  const response = await call('POST', '/v1/api-keys', bearer(keys.admin), body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as {
    id: string;
    token: string;
    role: string;
    lastUsedAt: string | null;
    createdAt: string;
  };
}

async function listKeys() {
  const response = await call('GET', '/v1/api-keys', bearer(keys.admin));
  expect(response.statusCode).toBe(200);
  return response.json() as { items: Record<string, unknown>[] };
}

async function newCooperative(overrides: Record<string, unknown> = {}) {
  const response = await call('POST', '/v1/cooperatives', bearer(keys.admin), makeCooperativeBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number; archivedAt: string | null };
}

describe('API keys made by an admin', () => {
  it('shows the token once, on creation, and stores only a hash of it', async () => {
    const created = await createKey({ name: 'crm-sync', role: 'advisor' });
    expect(created.token).toMatch(/^cdk_\w+$/);
    expect(created).toMatchObject({ name: 'crm-sync', role: 'advisor', revokedAt: null, lastUsedAt: null });

    const listed = await listKeys();
    const entry = listed.items.find((key) => key.id === created.id);
    expect(entry).toMatchObject({ name: 'crm-sync', role: 'advisor' });
    expect(entry).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const { rows } = await t.db.pool.query('SELECT * FROM api_key WHERE id = $1', [created.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].secret_hash).not.toBe(created.token);
    const secret = created.token.split('_').at(-1)!;
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(created.token);
    expect(stored).not.toContain(secret);
  });

  it('lets the new key in as a Bearer token, with its role', async () => {
    const analyst = await createKey({ name: 'dashboards', role: 'analyst' });
    const cooperative = await newCooperative();
    const history = await call('GET', `/v1/cooperatives/${cooperative.id}/history`, bearer(analyst.token));
    expect(history.statusCode).toBe(200);
    expectProblem(await call('POST', '/v1/cooperatives', bearer(analyst.token), makeCooperativeBody()), 403);
  });

  it('records when a key was last used', async () => {
    const created = await createKey({ name: 'nightly-export', role: 'analyst' });
    expect((await listKeys()).items.find((key) => key.id === created.id)?.lastUsedAt).toBeNull();

    expect((await call('GET', '/v1/reference/traits', bearer(created.token))).statusCode).toBe(200);

    const lastUsedAt = (await listKeys()).items.find((key) => key.id === created.id)?.lastUsedAt;
    expect(typeof lastUsedAt).toBe('string');
    expect(Date.parse(lastUsedAt as string)).toBeGreaterThanOrEqual(Date.parse(created.createdAt));
  });

  it('refuses an expiry date in the past, naming the field', async () => {
    const response = await call('POST', '/v1/api-keys', bearer(keys.admin), {
      name: 'too-late',
      role: 'advisor',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expectProblem(response, 400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field: 'body.expiresAt' }));
  });
});

describe('keys that do not open the door', () => {
  it.each([
    ['an unknown well-formed key', `Bearer cdk_${'A'.repeat(12)}_${'b'.repeat(40)}`],
    ['a random string', 'Bearer not-a-key'],
    ['the Basic scheme', 'Basic x'],
    ['"Bearer" with no token', 'Bearer'],
    ['two tokens', 'Bearer cdk_one cdk_two'],
    ['an empty header', ''],
  ])('answers %s with 401 and a Bearer challenge', async (_, authorization) => {
    expectBearerChallenge(await call('GET', '/v1/reference/traits', { authorization }));
  });

  it('refuses a real key prefix with the wrong secret', async () => {
    const { token } = await createKey({ name: 'guessable', role: 'admin' });
    const forged = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;
    expectBearerChallenge(await call('GET', '/v1/api-keys', { authorization: `Bearer ${forged}` }));
  });

  it('refuses a key once revoked, and revoking again keeps the first revocation date', async () => {
    const created = await createKey({ name: 'leaked', role: 'advisor' });
    expect((await call('GET', '/v1/reference/traits', bearer(created.token))).statusCode).toBe(200);

    const first = await call('DELETE', `/v1/api-keys/${created.id}`, bearer(keys.admin));
    expect(first.statusCode).toBe(200);
    expect(first.json().revokedAt).toEqual(expect.any(String));
    expectBearerChallenge(await call('GET', '/v1/reference/traits', bearer(created.token)));

    const second = await call('DELETE', `/v1/api-keys/${created.id}`, bearer(keys.admin));
    expect(second.statusCode).toBe(200);
    expect(second.json().revokedAt).toBe(first.json().revokedAt);
  });

  it('refuses an expired key', async () => {
    const { token } = await createApiKeysRepository(t.db.prisma).create({
      name: 'old-import',
      role: 'advisor',
      expiresAt: new Date(Date.now() - 60_000),
    });
    expectBearerChallenge(await call('GET', '/v1/reference/traits', bearer(token)));
  });

  it('accepts a key until its expiry date', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const { token } = await createKey({ name: 'temporary', role: 'analyst', expiresAt });
    expect((await call('GET', '/v1/reference/traits', bearer(token))).statusCode).toBe(200);
  });

  it('answers 404 when revoking a key that does not exist, and 400 for an id that is no UUID', async () => {
    expectProblem(await call('DELETE', `/v1/api-keys/${randomUUID()}`, bearer(keys.admin)), 404);
    expectProblem(await call('DELETE', '/v1/api-keys/not-an-id', bearer(keys.admin)), 400);
  });
});

describe('what each role may do', () => {
  type Action = {
    name: string;
    allowed: readonly Caller[];
    success: number;
    /** Prepares a fresh target with the admin key and returns the request to try. */
    request(): Promise<{ method: Method; url: string; headers?: Record<string, string>; payload?: unknown }>;
  };
  const writers = ['advisor', 'admin'] as const;
  const readers = ['analyst', 'advisor', 'admin'] as const;
  const admins = ['admin'] as const;
  let traitCounter = 0;

  const actions: Action[] = [
    {
      name: 'create a cooperative',
      allowed: writers,
      success: 201,
      request: async () => ({ method: 'POST', url: '/v1/cooperatives', payload: makeCooperativeBody() }),
    },
    {
      name: 'patch a cooperative',
      allowed: writers,
      success: 200,
      async request() {
        const { id } = await newCooperative();
        return {
          method: 'PATCH',
          url: `/v1/cooperatives/${id}`,
          headers: { 'if-match': '"v1-full"', 'content-type': 'application/merge-patch+json' },
          payload: JSON.stringify({ activity: 'Charpente' }),
        };
      },
    },
    {
      name: 'archive a cooperative',
      allowed: writers,
      success: 200,
      request: async () => ({ method: 'DELETE', url: `/v1/cooperatives/${(await newCooperative()).id}` }),
    },
    {
      name: 'restore a cooperative',
      allowed: writers,
      success: 200,
      async request() {
        const { id } = await newCooperative();
        expect((await call('DELETE', `/v1/cooperatives/${id}`, bearer(keys.admin))).statusCode).toBe(200);
        return { method: 'POST', url: `/v1/cooperatives/${id}/restore` };
      },
    },
    {
      name: 'read the history of a cooperative',
      allowed: readers,
      success: 200,
      request: async () => ({
        method: 'GET',
        url: `/v1/cooperatives/${(await newCooperative()).id}/history`,
      }),
    },
    {
      name: 'list API keys',
      allowed: admins,
      success: 200,
      request: async () => ({ method: 'GET', url: '/v1/api-keys' }),
    },
    {
      name: 'create an API key',
      allowed: admins,
      success: 201,
      request: async () => ({
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'matrix', role: 'analyst' },
      }),
    },
    {
      name: 'create a trait',
      allowed: admins,
      success: 201,
      async request() {
        traitCounter += 1;
        return {
          method: 'POST',
          url: '/v1/reference/traits',
          payload: { key: `matrix_trait_${traitCounter}`, labelFr: 'Essai', labelEn: 'Trial' },
        };
      },
    },
  ];
  const callers: Caller[] = ['public', 'analyst', 'advisor', 'admin'];
  const cases = actions.flatMap((action) =>
    callers.map((caller) => {
      const expected = (action.allowed as readonly Caller[]).includes(caller)
        ? action.success
        : caller === 'public'
          ? 401
          : 403;
      return { action, caller, expected, label: `${action.name}: ${caller} gets ${expected}` };
    }),
  );

  it.each(cases)('$label', async ({ action, caller, expected }) => {
    const { method, url, headers = {}, payload } = await action.request();
    const auth = caller === 'public' ? {} : bearer(keys[caller]);
    const response = await call(method, url, { ...headers, ...auth }, payload);
    if (expected < 400) expect(response.statusCode, response.body).toBe(expected);
    else expectProblem(response, expected);
  });

  it('leaves a profile untouched when a caller without the right tries to change it', async () => {
    const { id } = await newCooperative();
    const ifMatch = { 'if-match': '"v1-full"', 'content-type': 'application/merge-patch+json' };
    for (const auth of [{}, bearer(keys.analyst)]) {
      await call(
        'PATCH',
        `/v1/cooperatives/${id}`,
        { ...ifMatch, ...auth },
        JSON.stringify({ name: 'Pirate' }),
      );
      await call('DELETE', `/v1/cooperatives/${id}`, auth);
    }
    const profile = await call('GET', `/v1/cooperatives/${id}`, bearer(keys.analyst));
    expect(profile.json()).toMatchObject({ version: 1, archivedAt: null });
    expect(profile.json().name).not.toBe('Pirate');
  });

  it('challenges the public with WWW-Authenticate: Bearer where a key is needed', async () => {
    expectBearerChallenge(await call('GET', '/v1/api-keys'));
    expectBearerChallenge(await call('POST', '/v1/cooperatives', {}, makeCooperativeBody()));
  });
});

describe('the keys command line', () => {
  const script = fileURLToPath(new URL('../../scripts/keys.ts', import.meta.url));
  const cwd = fileURLToPath(new URL('../..', import.meta.url));

  function keysCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', script, ...args],
        { cwd, env: { ...process.env, DATABASE_URL: t.database.url }, timeout: 20_000 },
        (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('creates a key that works on the app, lists it without its token, and revokes it', async () => {
    const created = await keysCommand('create', '--role', 'advisor', '--name', 'crm-sync');
    expect(created.code, created.stderr).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; token: string; role: string; name: string };
    expect(key).toMatchObject({ role: 'advisor', name: 'crm-sync' });
    expect(
      (await call('POST', '/v1/cooperatives', bearer(key.token), makeCooperativeBody())).statusCode,
    ).toBe(201);

    const listed = await keysCommand('list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toContainEqual(
      expect.objectContaining({ id: key.id, name: 'crm-sync' }),
    );
    expect(listed.stdout).not.toContain(key.token);

    const revoked = await keysCommand('revoke', key.id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout).revokedAt).toEqual(expect.any(String));
    expectBearerChallenge(await call('GET', '/v1/reference/traits', bearer(key.token)));
  });

  it.each([
    ['an unknown role', ['create', '--role', 'superuser', '--name', 'x']],
    ['a missing name', ['create', '--role', 'advisor']],
    ['an unknown command', ['rotate']],
  ])('exits with code 2 and the usage on %s', async (_, args) => {
    const run = await keysCommand(...args);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('usage:');
    expect(run.stdout).toBe('');
  });
});
