import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('errors as problem+json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      listen: true,
      env: { BODY_LIMIT_BYTES: '2048' },
      routes: (app) => {
        app.get('/__test/boom', async () => {
          throw new Error('relation "secret_table" does not exist at /srv/app/src/x.ts:12');
        });
        app.post('/__test/echo', async (request) => request.body);
      },
    });
  });
  afterAll(() => t.close());

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${t.baseUrl}/__test/echo`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers an unknown route with a 404 problem naming the path', async () => {
    const response = await fetch(`${t.baseUrl}/no/such/thing?x=1`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/no/such/thing?x=1',
    });
    expect(problem.detail).toContain('/no/such/thing');
    expect(problem.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('hides an unexpected failure behind a generic 500 that quotes the request id', async () => {
    const response = await fetch(`${t.baseUrl}/__test/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/secret_table|\/srv\/app|at .*\.ts/);
    const problem = JSON.parse(text) as { detail: string; requestId: string };
    expect(problem.detail).toContain(problem.requestId);
  });

  it('answers a body over the size limit with 413', async () => {
    const response = await post(JSON.stringify({ pad: 'x'.repeat(4096) }));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 413, title: 'Content Too Large' });
  });

  it('answers malformed JSON with 400 and an unsupported media type with 415', async () => {
    const malformed = await post('{"name": "Dupré",');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ status: 400, title: 'Bad Request' });

    const xml = await post('<coop/>', 'application/xml');
    expect(xml.status).toBe(415);
    expect(xml.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('still accepts a well-formed body under the limit', async () => {
    const response = await post(JSON.stringify({ name: 'Menuiserie Dupré' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'Menuiserie Dupré' });
  });
});
