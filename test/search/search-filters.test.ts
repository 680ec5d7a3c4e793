// Every filter and sort of GET /v1/cooperatives against a brute-force reading of the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Params, search, searchAll } from '../helpers/search-client.js';
import { isPublic, type SearchFixture, searchFixture, type Truth } from '../helpers/search-fixture.js';

let f: SearchFixture;
beforeAll(async () => {
  f = await searchFixture();
});
afterAll(() => f.t.close());

const ids = (rows: Truth[]) => rows.map((row) => row.id).sort();
const bandMin: Record<string, number> = {
  '00': 0,
  '01': 1,
  '02': 3,
  '03': 6,
  '11': 10,
  '12': 20,
  '21': 50,
  '22': 100,
  '31': 200,
  '32': 250,
};
const bandMax: Record<string, number> = {
  '00': 0,
  '01': 2,
  '02': 5,
  '03': 9,
  '11': 19,
  '12': 49,
  '21': 99,
  '22': 199,
  '31': 249,
  '32': 499,
};
const kmBetween = (lat1: number, lon1: number, lat2: number, lon2: number) => {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
};
const mostCommon = (values: (string | null)[]) => {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
};

describe('filters (public caller: published, non-archived profiles only)', () => {
  const cases: [string, () => Params, (row: Truth) => boolean][] = [
    ['legalForm', () => ({ legalForm: ['scic', 'coop47'] }), (r) => ['scic', 'coop47'].includes(r.family)],
    ['companyType', () => ({ companyType: 'sas' }), (r) => r.companyForm === 'sas'],
    ['status', () => ({ status: 'cae,grouping' }), (r) => r.isCae || r.isGrouping],
    [
      'origin',
      () => ({ origin: ['transmission', 'takeover'] }),
      (r) => r.origin === 'transmission' || r.origin === 'takeover',
    ],
    ['region (Corsica)', () => ({ region: '94' }), (r) => r.regionCode === '94'],
    [
      'department 2A and 974',
      () => ({ department: '2a,974' }),
      (r) => r.departmentCode === '2A' || r.departmentCode === '974',
    ],
    ['commune', () => ({ commune: '37261' }), (r) => r.communeCode === '37261'],
    [
      'postalCode',
      () => ({ postalCode: mostCommon(f.truth.map((r) => r.postalCode)) }),
      (r) => r.postalCode === mostCommon(f.truth.map((x) => x.postalCode)),
    ],
    ['naf section', () => ({ naf: 'F' }), (r) => r.nafSection === 'F'],
    ['naf division', () => ({ naf: '43' }), (r) => Boolean(r.nafCode?.startsWith('43'))],
    ['naf group without dot', () => ({ naf: '620' }), (r) => Boolean(r.nafCode?.startsWith('62.0'))],
    ['naf sub-class typed 6201Z', () => ({ naf: '6201Z' }), (r) => r.nafCode === '62.01Z'],
    [
      'sector',
      () => ({ sector: ['construction', 'industry'] }),
      (r) => r.sectors.includes('construction') || r.sectors.includes('industry'),
    ],
    [
      'trait present (all of them)',
      () => ({ trait: ['horizontal_governance', 'financial_transparency'] }),
      (r) =>
        r.traitsPresent.includes('horizontal_governance') &&
        r.traitsPresent.includes('financial_transparency'),
    ],
    [
      'trait documented absent',
      () => ({ traitAbsent: 'open_vacation' }),
      (r) => r.traitsAbsent.includes('open_vacation'),
    ],
    [
      'trait not documented',
      () => ({ traitUnknown: 'sociocracy' }),
      (r) => !r.traitsPresent.includes('sociocracy') && !r.traitsAbsent.includes('sociocracy'),
    ],
    [
      'headcount range on bands',
      () => ({ headcountMin: 10, headcountMax: 49 }),
      (r) =>
        r.headcountBand !== null &&
        bandMin[r.headcountBand] !== undefined &&
        bandMin[r.headcountBand]! <= 49 &&
        bandMax[r.headcountBand]! >= 10,
    ],
    [
      'founded years',
      () => ({ foundedFrom: 1990, foundedTo: 2005 }),
      (r) => r.foundedYear !== null && r.foundedYear >= 1990 && r.foundedYear <= 2005,
    ],
    [
      'became a cooperative',
      () => ({ cooperativeFrom: 2015 }),
      (r) => r.becameCooperativeYear !== null && r.becameCooperativeYear >= 2015,
    ],
    [
      'near Tours within 30 km',
      () => ({ near: '47.3941,0.6848', radiusKm: 30 }),
      (r) => r.latitude !== null && kmBetween(47.3941, 0.6848, r.latitude, r.longitude!) <= 30,
    ],
    [
      'updatedSince',
      () => ({ updatedSince: '2025-01-01T00:00:00Z' }),
      (r) => r.updatedAt >= new Date('2025-01-01T00:00:00Z'),
    ],
    [
      'several filters at once',
      () => ({ legalForm: 'scop', region: ['11', '24'], sector: 'services_consulting' }),
      (r) =>
        r.family === 'scop' &&
        ['11', '24'].includes(r.regionCode ?? '') &&
        r.sectors.includes('services_consulting'),
    ],
  ];

  it.each(cases)('%s', async (_name, params, keep) => {
    const expected = ids(f.truth.filter((row) => isPublic(row) && keep(row)));
    expect(expected.length, 'the demo data should exercise this filter').toBeGreaterThan(0);
    const result = await searchAll(f.t, params());
    expect(result.total).toBe(expected.length);
    expect([...result.ids].sort()).toEqual(expected);
  });
});

describe('filters only advisors and analysts have', () => {
  const advisorOf = () => mostCommon(f.truth.map((r) => r.advisorId));
  const cases: [string, () => Params, (row: Truth) => boolean][] = [
    [
      'exact headcount',
      () => ({ headcountMin: 12, headcountMax: 30 }),
      (r) => !r.archived && r.employees !== null && r.employees >= 12 && r.employees <= 30,
    ],
    [
      'memberStatus',
      () => ({ memberStatus: 'pending' }),
      (r) => !r.archived && r.membershipStatus === 'pending',
    ],
    ['advisor', () => ({ advisor: advisorOf() }), (r) => !r.archived && r.advisorId === advisorOf()],
    [
      'advisor id in capitals',
      () => ({ advisor: advisorOf()!.toUpperCase() }),
      (r) => !r.archived && r.advisorId === advisorOf(),
    ],
    ['unpublished', () => ({ published: 'false' }), (r) => !r.archived && !r.published],
    ['archived', () => ({ archived: 'true' }), (r) => r.archived],
    ['archived or not', () => ({ archived: 'any', legalForm: 'scic' }), (r) => r.family === 'scic'],
  ];
  it.each(cases)('%s', async (_name, params, keep) => {
    const expected = ids(f.truth.filter(keep));
    expect(expected.length).toBeGreaterThan(0);
    const result = await searchAll(f.t, params(), f.keys.analyst);
    expect(result.total).toBe(expected.length);
    expect([...result.ids].sort()).toEqual(expected);
  });

  it('sees unpublished profiles that the public never sees, and their private fields', async () => {
    const all = await searchAll(f.t, {}, f.keys.advisor);
    expect(all.total).toBe(f.truth.filter((r) => !r.archived).length);
    expect(all.hits[0]?.cooperative.view).toBe('full');
    const publicAll = await searchAll(f.t, {});
    expect(publicAll.total).toBe(f.truth.filter(isPublic).length);
    expect(publicAll.total).toBeLessThan(all.total);
    for (const hit of publicAll.hits) {
      expect(hit.cooperative.view).toBe('public');
      expect(hit.cooperative).not.toHaveProperty('notes');
      expect(hit.cooperative).not.toHaveProperty('membershipStatus');
    }
  });

  it.each([
    'memberStatus=active',
    'advisor=0b8e9a52-7c5d-4f7e-9a0b-1c2d3e4f5a6b',
    'published=false',
    'archived=true',
    'facets=memberStatus',
  ])('refuses %s from the public with a 400 naming it', async (query) => {
    const response = await fetch(`${f.t.baseUrl}/v1/cooperatives?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { field: string }[] };
    expect(body.errors[0]!.field).toBe(`querystring.${query.split('=')[0]}`);
  });
});

describe('facets', () => {
  const group = (rows: Truth[], values: (row: Truth) => (string | null)[]) => {
    const counts: Record<string, number> = {};
    for (const row of rows) for (const v of values(row)) if (v) counts[v] = (counts[v] ?? 0) + 1;
    return counts;
  };
  const asRecord = (list: { value: string; count: number }[]) =>
    Object.fromEntries(list.map((e) => [e.value, e.count]));

  it('counts each facet with every filter but its own (disjunctive), over public profiles only', async () => {
    const params = {
      legalForm: 'scop',
      region: ['11', '24'],
      facets: 'legalForm,region,sector,trait,naf,headcountBand,status',
      limit: 1,
    };
    const { body } = await search(f.t, params);
    const visible = f.truth.filter(isPublic);
    const inRegion = (r: Truth) => ['11', '24'].includes(r.regionCode ?? '');
    const both = visible.filter((r) => r.family === 'scop' && inRegion(r));
    expect(body.total).toBe(both.length);
    expect(asRecord(body.facets.legalForm)).toEqual(group(visible.filter(inRegion), (r) => [r.family]));
    expect(asRecord(body.facets.region)).toEqual(
      group(
        visible.filter((r) => r.family === 'scop'),
        (r) => [r.regionCode],
      ),
    );
    expect(asRecord(body.facets.sector)).toEqual(group(both, (r) => r.sectors));
    expect(asRecord(body.facets.trait)).toEqual(group(both, (r) => r.traitsPresent));
    expect(asRecord(body.facets.naf)).toEqual(group(both, (r) => [r.nafSection]));
    expect(asRecord(body.facets.headcountBand)).toEqual(group(both, (r) => [r.headcountBand]));
    const flags = (r: Truth) => [
      r.isCae ? 'cae' : null,
      r.isAmorcage ? 'amorcage' : null,
      r.isGrouping ? 'grouping' : null,
    ];
    expect(asRecord(body.facets.status)).toEqual(group(both, flags));
    expect(body.facets.region.find((e: { value: string }) => e.value === '11').label).toBe('Île-de-France');
    expect(body.facets.legalForm[0].count).toBeGreaterThanOrEqual(body.facets.legalForm.at(-1).count);
  });

  it('never counts an unpublished or archived profile for the public', async () => {
    const { body } = await search(f.t, { facets: 'legalForm', limit: 1 });
    const total = body.facets.legalForm.reduce((sum: number, e: { count: number }) => sum + e.count, 0);
    expect(total).toBe(f.truth.filter(isPublic).length);
    const { body: advisor } = await search(f.t, { facets: 'legalForm,published', limit: 1 }, f.keys.advisor);
    expect(asRecord(advisor.facets.published)).toEqual(
      group(
        f.truth.filter((r) => !r.archived),
        (r) => [String(r.published)],
      ),
    );
  });
});

describe('sorting', () => {
  it('sorts by name with accents folded ("École" among the E), ascending and descending', async () => {
    const { hits } = await searchAll(f.t, { sort: 'name' });
    const keys = hits.map((h) =>
      (h.cooperative.name as string)
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim(),
    );
    expect(keys).toEqual([...keys].sort());
    const down = await searchAll(f.t, { sort: '-name' });
    expect(down.ids).toEqual([...hits.map((h) => h.cooperative.id)].reverse());
  });

  it.each([
    ['founded', (c: { founded: string | null }) => c.founded],
    ['updatedAt', (c: { updatedAt: string }) => c.updatedAt],
  ] as const)('sorts by %s, missing values last', async (sort, value) => {
    const { hits } = await searchAll(f.t, { sort });
    const values = hits.map((h) => value(h.cooperative));
    const present = values.filter((v) => v !== null) as string[];
    expect(present).toEqual([...present].sort());
    expect(values.slice(present.length).every((v) => v === null)).toBe(true);
    const desc = await searchAll(f.t, { sort: `-${sort}` });
    const descValues = desc.hits.map((h) => value(h.cooperative)).filter((v) => v !== null) as string[];
    expect(descValues).toEqual([...descValues].sort().reverse());
  });

  it('sorts advisors by exact headcount and the public by band', async () => {
    const privateHits = (await searchAll(f.t, { sort: '-headcount' }, f.keys.analyst)).hits;
    const employees = privateHits.map((h) => h.cooperative.employees).filter((v) => v !== null);
    expect(employees).toEqual([...employees].sort((a, b) => b - a));
    const publicHits = (await searchAll(f.t, { sort: 'headcount' })).hits;
    const order = ['00', '01', '02', '03', '11', '12', '21', '22', '31', '32', '41', '42', '51', '52', '53'];
    const bands = publicHits
      .map((h) => h.cooperative.headcountBand)
      .filter(Boolean)
      .map((b: string) => order.indexOf(b));
    expect(bands).toEqual([...bands].sort((a, b) => a - b));
  });

  it('sorts by distance with near, and gives each hit its distance', async () => {
    const { hits } = await searchAll(f.t, { near: '48.8566,2.3522', radiusKm: 15, sort: 'distance' });
    expect(hits.length).toBeGreaterThan(5);
    const distances = hits.map((h) => h.distanceKm as number);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.every((d) => d <= 15)).toBe(true);
  });
});

describe('parameters', () => {
  it.each([
    ['unknown parameter', 'colour=red', 'querystring.colour'],
    ['unknown legal form', 'legalForm=gmbh', 'querystring.legalForm.0'],
    ['bad région', 'region=99', 'querystring.region.0'],
    ['bad NAF prefix', 'naf=Z9', 'querystring.naf.0'],
    ['bad near', 'near=paris', 'querystring.near'],
    ['radius without near', 'radiusKm=5', 'querystring.radiusKm'],
    ['distance sort without near', 'sort=distance', 'querystring.sort'],
    ['unknown sort', 'sort=size', 'querystring.sort'],
    ['limit above 100', 'limit=500', 'querystring.limit'],
    ['reversed year range', 'foundedFrom=2010&foundedTo=2000', 'querystring.foundedTo'],
    ['tampered cursor', 'cursor=eyJ2YWx1ZSI6', 'querystring.cursor'],
  ])('answers a %s with 400 naming it', async (_what, query, field) => {
    const response = await fetch(`${f.t.baseUrl}/v1/cooperatives?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    const body = (await response.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toContain(field);
  });

  it('refuses a cursor from another search', async () => {
    const first = await search(f.t, { legalForm: 'scop', limit: 5 });
    const other = await search(f.t, { legalForm: 'scic', limit: 5, cursor: first.body.nextCursor });
    expect(other.status).toBe(400);
    expect(other.body.detail).toMatch(/another search/);
  });

  it('gives public results Cache-Control and an ETag that answers 304 until the data changes', async () => {
    const url = `${f.t.baseUrl}/v1/cooperatives?region=24&limit=5`;
    const first = await fetch(url);
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const etag = first.headers.get('etag')!;
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const [id] = f.truth.filter(isPublic).map((r) => r.id);
    await f.t.db.pool.query("UPDATE cooperative SET activity = 'Nouvelle activité' WHERE id = $1", [id]);
    let status = 304;
    for (let attempt = 0; attempt < 150 && status === 304; attempt++) {
      await new Promise((done) => setTimeout(done, 20));
      status = (await fetch(url, { headers: { 'if-none-match': etag } })).status;
    }
    expect(status).toBe(200);
  });
});
