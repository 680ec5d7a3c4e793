import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { type Keys, makeApiKeys, makeCooperativeBody } from '../helpers/test-factories.js';

type Trait = {
  key: string;
  labelFr: string;
  labelEn: string;
  descriptionFr: string | null;
  position: number;
};

let t: TestApp;
let keys: Keys;

beforeAll(async () => {
  t = await buildTestApp();
  keys = await makeApiKeys(t.db);
});
afterAll(() => t.close());

const as = (role: keyof Keys) => ({ authorization: `Bearer ${keys[role]}` });
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

const listTraits = async () => (await get('/v1/reference/traits')).json().traits as Trait[];

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe('the reference lists', () => {
  it.each(['legal-forms', 'traits', 'sectors', 'regions'])(
    '/v1/reference/%s is public, cacheable, and answers 304 to a matching If-None-Match',
    async (list) => {
      const url = `/v1/reference/${list}`;
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toMatch(/\bpublic\b/);
      expect(first.headers['cache-control']).toMatch(/\bmax-age=[1-9]\d*/);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);

      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);

      expect((await get(url, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
    },
  );

  it('lists the 18 régions, Corse with 2A and 2B and the five overseas régions with their départements', async () => {
    const { regions } = (await get('/v1/reference/regions')).json() as {
      regions: { code: string; name: string; departments: { code: string }[] }[];
    };
    const departmentsOf = (code: string) =>
      regions.find((r) => r.code === code)?.departments.map((d) => d.code);
    expect(regions).toHaveLength(18);
    expect(regions.find((r) => r.code === '94')?.name).toBe('Corse');
    expect(departmentsOf('94')).toEqual(['2A', '2B']);
    expect(departmentsOf('01')).toEqual(['971']);
    expect(departmentsOf('02')).toEqual(['972']);
    expect(departmentsOf('03')).toEqual(['973']);
    expect(departmentsOf('04')).toEqual(['974']);
    expect(departmentsOf('06')).toEqual(['976']);
    expect(departmentsOf('24')).toContain('37');
  });

  it('lists the 21 NAF sections A to U with their divisions', async () => {
    const { nafSections, families } = (await get('/v1/reference/sectors')).json() as {
      nafSections: { code: string; divisions: { code: string }[] }[];
      families: { key: string }[];
    };
    expect(nafSections.map((s) => s.code)).toEqual([...'ABCDEFGHIJKLMNOPQRSTU']);
    expect(nafSections.find((s) => s.code === 'C')?.divisions.map((d) => d.code)).toContain('16');
    expect(nafSections.every((s) => s.divisions.length > 0)).toBe(true);
    expect(families.map((f) => f.key)).toContain('construction');
  });

  it('lists the legal forms the profile form offers', async () => {
    const forms = (await get('/v1/reference/legal-forms')).json();
    expect(forms.families.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['scop', 'scic']),
    );
    expect(forms.companyForms.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['sa', 'sarl', 'sas']),
    );
  });
});

describe('admins editing the trait vocabulary', () => {
  it('creates a trait that the public list then shows', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/reference/traits',
      headers: as('admin'),
      payload: {
        key: 'profit_sharing',
        labelFr: 'Partage des bénéfices',
        labelEn: 'Profit sharing',
        position: 95,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers.location).toBe('/v1/reference/traits/profit_sharing');
    expect(response.json()).toMatchObject({
      key: 'profit_sharing',
      labelFr: 'Partage des bénéfices',
      position: 95,
    });
    expect(await listTraits()).toContainEqual(expect.objectContaining({ key: 'profit_sharing' }));
  });

  it('gives a Location that leads to the new trait', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/reference/traits',
      headers: as('admin'),
      payload: { key: 'located_trait', labelFr: 'Trouvable', labelEn: 'Findable' },
    });
    const followed = await get(String(created.headers.location));
    expect(followed.statusCode, followed.body).toBe(200);
    expect(followed.json()).toMatchObject({ key: 'located_trait' });
  });

  it('edits a trait, and the list gets a new ETag', async () => {
    const before = await get('/v1/reference/traits');
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/v1/reference/traits/open_vacation',
      headers: as('admin'),
      payload: { labelEn: 'Unlimited leave', descriptionFr: null },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      key: 'open_vacation',
      labelEn: 'Unlimited leave',
      descriptionFr: null,
    });

    const after = await get('/v1/reference/traits', { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().traits).toContainEqual(
      expect.objectContaining({ key: 'open_vacation', labelEn: 'Unlimited leave' }),
    );
  });

  it('deletes an unused trait', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/v1/reference/traits',
      headers: as('admin'),
      payload: { key: 'short_lived', labelFr: 'Éphémère', labelEn: 'Short-lived' },
    });
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: '/v1/reference/traits/short_lived',
      headers: as('admin'),
    });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await listTraits()).map((trait) => trait.key)).not.toContain('short_lived');
    expectProblem(
      await t.app.inject({ method: 'DELETE', url: '/v1/reference/traits/short_lived', headers: as('admin') }),
      404,
    );
  });

  it('answers 404 when editing a trait that does not exist', async () => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/v1/reference/traits/no_such_trait',
      headers: as('admin'),
      payload: { labelFr: 'Rien' },
    });
    expectProblem(response, 404);
  });

  it('refuses a key that already exists with 409, leaving the trait as it was', async () => {
    const before = (await listTraits()).find((trait) => trait.key === 'sociocracy');
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/reference/traits',
      headers: as('admin'),
      payload: { key: 'sociocracy', labelFr: 'Doublon', labelEn: 'Duplicate' },
    });
    expectProblem(response, 409);
    expect((await listTraits()).find((trait) => trait.key === 'sociocracy')).toEqual(before);
  });

  it('keeps a trait that a profile documents: 409, and neither the trait nor the profile loses it', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/v1/reference/traits',
      headers: as('admin'),
      payload: { key: 'worker_buyout', labelFr: 'Reprise par les salariés', labelEn: 'Worker buyout' },
    });
    const cooperative = await t.app.inject({
      method: 'POST',
      url: '/v1/cooperatives',
      headers: as('advisor'),
      payload: makeCooperativeBody({ traits: { worker_buyout: true } }),
    });
    expect(cooperative.statusCode, cooperative.body).toBe(201);

    const response = await t.app.inject({
      method: 'DELETE',
      url: '/v1/reference/traits/worker_buyout',
      headers: as('admin'),
    });
    expectProblem(response, 409);
    expect((await listTraits()).map((trait) => trait.key)).toContain('worker_buyout');
    const profile = await get(`/v1/cooperatives/${cooperative.json().id}`, as('advisor'));
    expect(profile.json().traits).toEqual({ worker_buyout: true });
  });

  describe('callers who are not admins', () => {
    const writes = [
      {
        method: 'POST',
        url: '/v1/reference/traits',
        payload: { key: 'not_allowed', labelFr: 'Non', labelEn: 'No' },
      },
      { method: 'PATCH', url: '/v1/reference/traits/sociocracy', payload: { labelFr: 'Piraté' } },
      { method: 'DELETE', url: '/v1/reference/traits/parity_goals' },
    ] as const;
    const cases = writes.flatMap((write) =>
      (['public', 'analyst', 'advisor'] as const).map((caller) => ({
        ...write,
        caller,
        status: caller === 'public' ? 401 : 403,
      })),
    );

    it.each(cases)(
      '$method $url by $caller gets $status and changes nothing',
      async ({ caller, status, ...write }) => {
        const before = await listTraits();
        const headers = caller === 'public' ? {} : as(caller);
        expectProblem(await t.app.inject({ ...write, headers }), status);
        expect(await listTraits()).toEqual(before);
      },
    );
  });

  describe('bad bodies', () => {
    it.each([
      ['an unknown field', { key: 'extra_field', labelFr: 'A', labelEn: 'B', colour: 'red' }, 'body.colour'],
      ['a key with capitals and hyphens', { key: 'Bad-Key', labelFr: 'A', labelEn: 'B' }, 'body.key'],
      ['a key starting with a digit', { key: '1trait', labelFr: 'A', labelEn: 'B' }, 'body.key'],
      ['an empty label', { key: 'empty_label', labelFr: '', labelEn: 'B' }, 'body.labelFr'],
      ['a blank label', { key: 'blank_label', labelFr: 'A', labelEn: '   ' }, 'body.labelEn'],
      ['a missing label', { key: 'missing_label', labelFr: 'A' }, 'body.labelEn'],
      ['a negative position', { key: 'negative', labelFr: 'A', labelEn: 'B', position: -1 }, 'body.position'],
    ])('refuses a new trait with %s, naming the field', async (_, payload, field) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/v1/reference/traits',
        headers: as('admin'),
        payload,
      });
      expectProblem(response, 400);
      expect(response.json().errors).toContainEqual(expect.objectContaining({ field }));
      expect((await listTraits()).map((trait) => trait.key)).not.toContain(payload.key);
    });

    it.each([
      ['an unknown field', { key: 'renamed' }, 'body.key'],
      ['an empty label', { labelFr: '' }, 'body.labelFr'],
    ])('refuses an edit with %s, naming the field', async (_, payload, field) => {
      const response = await t.app.inject({
        method: 'PATCH',
        url: '/v1/reference/traits/collective_meetings',
        headers: as('admin'),
        payload,
      });
      expectProblem(response, 400);
      expect(response.json().errors).toContainEqual(expect.objectContaining({ field }));
    });
  });
});
