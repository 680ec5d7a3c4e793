import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import {
  type Keys,
  makeApiKeys,
  makeCooperativeBody,
  siretOf,
  uniqueSiren,
} from '../helpers/test-factories.js';

let t: TestApp;
let keys: Keys;
beforeAll(async () => {
  t = await buildTestApp({ listen: true });
  keys = await makeApiKeys(t.db);
});
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in assertions
type Json = Record<string, any>;

async function call(
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as Json,
  };
}

const create = (body: Json = makeCooperativeBody(), key = keys.advisor) =>
  call('POST', '/v1/cooperatives', { key, body });
const patch = (id: string, body: unknown, etag: string | null, key = keys.advisor) =>
  call('PATCH', `/v1/cooperatives/${id}`, {
    key,
    body,
    headers: { 'content-type': 'application/merge-patch+json', ...(etag ? { 'if-match': etag } : {}) },
  });
const counts = async () =>
  (
    await t.db.pool.query(`SELECT (SELECT count(*) FROM cooperative)::int AS cooperatives,
      (SELECT count(*) FROM audit_event)::int AS events, (SELECT count(*) FROM annual_figures)::int AS figures`)
  ).rows[0];

describe('creating a profile', () => {
  it('returns 201 with Location, ETag and the normalised profile', async () => {
    const siren = uniqueSiren();
    const response = await create(
      makeCooperativeBody({
        siren: `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`,
        siret: siretOf(siren).replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4'),
        nafCode: '4332a',
        communeCode: '2a004',
        postalCode: '20000',
        name: 'Menuiserie Dupré',
        slug: undefined,
      }),
    );
    expect(response.status).toBe(201);
    const body = response.body;
    expect(response.headers.get('location')).toBe(`/v1/cooperatives/${body.id}`);
    expect(response.headers.get('etag')).toBe('"v1-full"');
    expect(body).toMatchObject({
      view: 'full',
      version: 1,
      siren,
      siret: siretOf(siren),
      nafCode: '43.32A',
      nafSection: 'F',
      nafDivision: '43',
      communeCode: '2A004',
      communeName: 'Ajaccio',
      departmentCode: '2A',
      regionCode: '94',
    });
    expect(body.slug).toMatch(/^menuiserie-dupre(-\d+)?$/);
  });

  it('derives the headcount band and the latest figures from yearly figures', async () => {
    const { body } = await create(
      makeCooperativeBody({
        annualFigures: {
          '2023': { employees: 9, memberEmployees: 6 },
          '2024': { employees: 24, memberEmployees: 20, revenue: 2_400_000 },
        },
      }),
    );
    expect(body).toMatchObject({
      figuresYear: 2024,
      employees: 24,
      memberEmployees: 20,
      headcountBand: '12',
    });
    expect(body.annualFigures['2023'].headcountBand).toBe('03');
  });

  it('refuses bad input with a 400 naming each field, and writes nothing', async () => {
    const before = await counts();
    const response = await create(
      makeCooperativeBody({
        siren: '123456788',
        nafCode: '99.99Z',
        communeCode: '99999',
        website: 'ftp://x',
        bogus: true,
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = response.body.errors.map((e: Json) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.siren',
        'body.nafCode',
        'body.communeCode',
        'body.website',
        'body.bogus',
      ]),
    );
    expect(response.body.errors.find((e: Json) => e.field === 'body.siren').message).toMatch(/Luhn/);
    expect(response.body.errors.find((e: Json) => e.field === 'body.nafCode').message).toMatch(
      /unknown NAF code/,
    );
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'a SIRET that does not start with the SIREN',
      { siret: siretOf(uniqueSiren()) },
      'body.siret',
      /must start with the SIREN/,
    ],
    ['a founding date in the future', { founded: '2999-01' }, 'body.founded', /future/],
    [
      'becoming a cooperative before being founded',
      { founded: '2015', becameCooperative: '2010' },
      'body.becameCooperative',
      /before/,
    ],
    [
      'more member-employees than employees',
      { annualFigures: { '2024': { employees: 3, memberEmployees: 5 } } },
      'body.annualFigures.2024.memberEmployees',
      /more than employees/,
    ],
    ['an unknown trait', { traits: { telepathy: true } }, 'body.traits.telepathy', /unknown trait/],
    [
      'a postal code of another commune',
      { postalCode: '75001' },
      'body.postalCode',
      /not a postal code of commune 37261/,
    ],
    ['an impossible date', { founded: '2015-02-30' }, 'body.founded', /does not exist/],
    [
      'an RNA number without an association conversion',
      { predecessorRna: 'W751234567' },
      'body.predecessorRna',
      /association conversion/,
    ],
  ])('refuses %s', async (_what, overrides, field, message) => {
    const before = await counts();
    const response = await create(makeCooperativeBody(overrides));
    expect(response.status).toBe(400);
    const problem = response.body.errors.find((e: Json) => e.field === field);
    expect(problem, JSON.stringify(response.body)).toBeDefined();
    expect(problem.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('answers a duplicate SIREN or slug with 409 naming the existing profile', async () => {
    const first = (await create()).body;
    const again = await create(makeCooperativeBody({ siren: first.siren, siret: first.siret }));
    expect(again.status).toBe(409);
    expect(again.body.existing).toMatchObject({ id: first.id, slug: first.slug });
    expect(again.body.detail).toContain(first.name);

    const sameSlug = await create(makeCooperativeBody({ slug: first.slug }));
    expect(sameSlug.status).toBe(409);
    expect(sameSlug.body.field).toBe('slug');
  });

  it('gives two cooperatives with the same name two slugs', async () => {
    const a = (await create(makeCooperativeBody({ name: 'Les Tisserands de Bastia' }))).body;
    const b = (await create(makeCooperativeBody({ name: 'Les Tisserands de Bastia' }))).body;
    expect(a.slug).toBe('les-tisserands-de-bastia');
    expect(b.slug).toBe('les-tisserands-de-bastia-2');
  });
});

describe('reading a profile', () => {
  it('finds it by id and by slug, with an ETag that gives 304 when unchanged', async () => {
    const created = (await create()).body;
    for (const ref of [created.id, created.slug]) {
      const response = await call('GET', `/v1/cooperatives/${ref}`, { key: keys.analyst });
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(created.id);
    }
    const first = await call('GET', `/v1/cooperatives/${created.slug}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBe('"v1-public"');
    expect(first.headers.get('cache-control')).toMatch(/public/);
    const again = await fetch(`${t.baseUrl}/v1/cooperatives/${created.slug}`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('hides an unpublished profile from the public (404) but not from advisors and analysts', async () => {
    const hidden = (await create(makeCooperativeBody({ published: false }))).body;
    expect((await call('GET', `/v1/cooperatives/${hidden.id}`)).status).toBe(404);
    expect((await call('GET', `/v1/cooperatives/${hidden.slug}`)).status).toBe(404);
    expect((await call('GET', `/v1/cooperatives/${hidden.id}`, { key: keys.analyst })).body.published).toBe(
      false,
    );
    expect((await call('GET', `/v1/cooperatives/${hidden.id}`, { key: keys.advisor })).status).toBe(200);
  });

  it('answers an unknown id or slug with 404 problem+json', async () => {
    const response = await call('GET', '/v1/cooperatives/00000000-0000-4000-8000-000000000000', {
      key: keys.admin,
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await call('GET', '/v1/cooperatives/no-such-slug')).status).toBe(404);
  });
});

describe('updating a profile', () => {
  it('requires If-Match (428), refuses a stale one (412 with the current version) and bumps the version', async () => {
    const created = await create();
    const id = created.body.id;
    expect((await patch(id, { activity: 'Ébénisterie' }, null)).status).toBe(428);
    expect((await patch(id, { activity: 'Ébénisterie' }, '*')).status).toBe(428);

    const ok = await patch(id, { activity: 'Ébénisterie' }, created.headers.get('etag'));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ activity: 'Ébénisterie', version: 2 });
    expect(ok.headers.get('etag')).toBe('"v2-full"');

    const stale = await patch(id, { activity: 'Charpente' }, created.headers.get('etag'));
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ currentVersion: 2, currentEtag: '"v2-full"' });
    expect((await call('GET', `/v1/cooperatives/${id}`, { key: keys.advisor })).body.activity).toBe(
      'Ébénisterie',
    );
  });

  it('lets exactly one of two advisors editing the same version win', async () => {
    const created = await create();
    const etag = created.headers.get('etag');
    const results = await Promise.all([
      patch(created.body.id, { description: 'Version A' }, etag),
      patch(created.body.id, { description: 'Version B' }, etag, keys.admin),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!.body.description;
    expect(
      (await call('GET', `/v1/cooperatives/${created.body.id}`, { key: keys.advisor })).body,
    ).toMatchObject({
      description: winner,
      version: 2,
    });
  });

  it('merges: absent fields stay, null clears, traits and years merge by key', async () => {
    const created = await create(
      makeCooperativeBody({
        acronym: 'MD',
        traits: { sociocracy: true, open_vacation: true },
        annualFigures: {
          '2023': { employees: 10, memberEmployees: 7 },
          '2024': { employees: 12, memberEmployees: 8 },
        },
        socialLinks: { linkedin: 'https://www.linkedin.com/company/md' },
      }),
    );
    const response = await patch(
      created.body.id,
      {
        acronym: null,
        traits: { sociocracy: null, financial_transparency: false },
        annualFigures: { '2023': null, '2024': { employees: 15 } },
        socialLinks: { mastodon: 'https://mastodon.social/@md' },
      },
      created.headers.get('etag'),
    );
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.acronym).toBeNull();
    expect(body.name).toBe(created.body.name);
    expect(body.traits).toEqual({ open_vacation: true, financial_transparency: false });
    expect(Object.keys(body.annualFigures)).toEqual(['2024']);
    expect(body.annualFigures['2024']).toMatchObject({
      employees: 15,
      memberEmployees: 8,
      headcountBand: '11',
    });
    expect(body.socialLinks).toEqual({
      linkedin: 'https://www.linkedin.com/company/md',
      mastodon: 'https://mastodon.social/@md',
    });
  });

  it('checks rules on the merged profile: a SIREN change must still match the SIRET', async () => {
    const created = await create();
    const response = await patch(created.body.id, { siren: uniqueSiren() }, created.headers.get('etag'));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('body.siret');
  });

  it('refuses unknown fields and null for a required field, and changes nothing', async () => {
    const created = await create();
    for (const body of [{ nmae: 'typo' }, { name: null }, { family: 'cooperative' }, { version: 9 }]) {
      const response = await patch(created.body.id, body, created.headers.get('etag'));
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const after = await call('GET', `/v1/cooperatives/${created.body.id}`, { key: keys.advisor });
    expect(after.body).toEqual(created.body);
  });

  it('keeps the version when a patch changes nothing', async () => {
    const created = await create();
    const response = await patch(created.body.id, { name: created.body.name }, created.headers.get('etag'));
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(1);
  });
});

describe('archiving and restoring', () => {
  it('hides an archived profile from the public, keeps it for advisors, and restores it', async () => {
    const created = (await create()).body;
    expect((await call('DELETE', `/v1/cooperatives/${created.id}`)).status).toBe(401);
    expect((await call('DELETE', `/v1/cooperatives/${created.id}`, { key: keys.analyst })).status).toBe(403);

    const archived = await call('DELETE', `/v1/cooperatives/${created.id}`, { key: keys.advisor });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect(archived.body.version).toBe(2);
    expect((await call('GET', `/v1/cooperatives/${created.slug}`)).status).toBe(404);
    expect(
      (await call('GET', `/v1/cooperatives/${created.slug}`, { key: keys.analyst })).body.archivedAt,
    ).not.toBeNull();

    const restored = await call('POST', `/v1/cooperatives/${created.id}/restore`, { key: keys.advisor });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ archivedAt: null, version: 3 });
    expect((await call('GET', `/v1/cooperatives/${created.slug}`)).status).toBe(200);
  });

  it('checks If-Match on archive when it is given', async () => {
    const created = await create();
    const response = await call('DELETE', `/v1/cooperatives/${created.body.id}`, {
      key: keys.advisor,
      headers: { 'if-match': '"v7-full"' },
    });
    expect(response.status).toBe(412);
  });
});

describe('history', () => {
  it('records who changed which field, before and after, newest first, page by page', async () => {
    const created = await create(
      makeCooperativeBody({ activity: 'Menuiserie', traits: { sociocracy: true } }),
    );
    const id = created.body.id;
    let etag = created.headers.get('etag');
    const first = await patch(id, { activity: 'Ébénisterie', traits: { sociocracy: false } }, etag);
    etag = first.headers.get('etag');
    const second = await patch(id, { notes: 'Rendez-vous annuel en mars' }, etag, keys.admin);
    await call('DELETE', `/v1/cooperatives/${id}`, { key: keys.advisor });
    await call('POST', `/v1/cooperatives/${id}/restore`, { key: keys.advisor });
    expect(second.status).toBe(200);

    const page1 = await call('GET', `/v1/cooperatives/${id}/history?limit=2`, { key: keys.analyst });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((e: Json) => e.action)).toEqual(['restore', 'archive']);
    const page2 = await call(
      'GET',
      `/v1/cooperatives/${id}/history?limit=2&cursor=${page1.body.nextCursor}`,
      { key: keys.analyst },
    );
    expect(page2.body.items.map((e: Json) => e.action)).toEqual(['update', 'update']);
    const [notesEdit, activityEdit] = page2.body.items;
    expect(notesEdit.actor).toMatch(/^test-admin \(admin/);
    expect(notesEdit.changes).toEqual([
      { field: 'notes', before: null, after: 'Rendez-vous annuel en mars' },
    ]);
    expect(activityEdit.actor).toMatch(/^test-advisor \(advisor/);
    expect(activityEdit.changes).toEqual([
      { field: 'activity', before: 'Menuiserie', after: 'Ébénisterie' },
      { field: 'traits.sociocracy', before: true, after: false },
    ]);
    const page3 = await call(
      'GET',
      `/v1/cooperatives/${id}/history?limit=2&cursor=${page2.body.nextCursor}`,
      { key: keys.analyst },
    );
    expect(page3.body.items.map((e: Json) => e.action)).toEqual(['create']);
    expect(page3.body.nextCursor).toBeNull();
  });

  it('is for keys only, and refuses a tampered cursor with 400', async () => {
    const { id } = (await create()).body;
    expect((await call('GET', `/v1/cooperatives/${id}/history`)).status).toBe(401);
    const tampered = await call('GET', `/v1/cooperatives/${id}/history?cursor=not-a-cursor`, {
      key: keys.advisor,
    });
    expect(tampered.status).toBe(400);
    expect(tampered.body.errors[0].field).toBe('querystring.cursor');
  });
});
