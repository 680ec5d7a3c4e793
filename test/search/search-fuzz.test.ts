// Random parameter combinations: never a 5xx, and every hit satisfies every filter given.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, searchUrl } from '../helpers/search-client.js';
import { isPublic, type SearchFixture, searchFixture, type Truth } from '../helpers/search-fixture.js';

let f: SearchFixture;
let byId: Map<string, Truth>;
beforeAll(async () => {
  f = await searchFixture();
  byId = new Map(f.truth.map((row) => [row.id, row]));
});
afterAll(() => f.t.close());

const some = <T>(values: readonly T[]) =>
  fc.subarray([...values], { minLength: 1, maxLength: Math.min(3, values.length) });
const values = fc.record({
  q: fc.oneof(
    fc.constantFrom('menuiserie', 'scop', 'atelier', 'ecole', 'tours', 'data', 'menuis', 'xqz'),
    fc.string({ maxLength: 12 }),
  ),
  legalForm: some(['scop', 'scic', 'coop47']),
  companyType: some(['sa', 'sarl', 'sas']),
  status: some(['cae', 'amorcage', 'grouping']),
  origin: some(['creation', 'association_conversion', 'company_conversion', 'transmission', 'takeover']),
  region: some(['11', '24', '94', '04', '06', '01', '84']),
  department: some(['75', '37', '2A', '2B', '974', '976', '93']),
  naf: some(['F', '43', '62.01Z', '6201Z', '16.23Z', 'M', '85', '43.3']),
  sector: some(['construction', 'services_consulting', 'industry', 'education_culture']),
  trait: some(['horizontal_governance', 'sociocracy', 'financial_transparency']),
  traitAbsent: some(['open_vacation', 'parity_goals']),
  traitUnknown: some(['rotating_management']),
  headcountMin: fc.integer({ min: 0, max: 60 }),
  headcountMax: fc.integer({ min: 0, max: 300 }),
  foundedFrom: fc.integer({ min: 1950, max: 2025 }),
  cooperativeTo: fc.integer({ min: 1950, max: 2025 }),
  near: fc.constantFrom('48.8566,2.3522', '47.3941,0.6848', '41.9192,8.7386', '-20.8821,55.4507'),
  sort: fc.constantFrom('name', '-name', 'founded', '-updatedAt', 'headcount', 'relevance'),
  limit: fc.integer({ min: 1, max: 100 }),
  facets: some([
    'legalForm',
    'region',
    'sector',
    'trait',
    'naf',
    'headcountBand',
    'status',
    'origin',
    'department',
  ]),
});
// A few filters at a time (as people combine them), sometimes with garbage: that must be a 400, never a 5xx.
const params = fc
  .tuple(
    fc.subarray(
      [
        'q',
        'legalForm',
        'companyType',
        'status',
        'origin',
        'region',
        'department',
        'naf',
        'sector',
        'trait',
        'traitAbsent',
        'traitUnknown',
        'headcountMin',
        'headcountMax',
        'foundedFrom',
        'cooperativeTo',
        'near',
      ],
      { maxLength: 3 },
    ),
    values,
    fc.constantFrom('sort', 'limit', 'facets'),
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 5 },
      {
        arbitrary: fc.constantFrom(
          'region=XX',
          'limit=-4',
          'naf=%00',
          'cursor=AAAA',
          'near=91,0',
          'radiusKm=0',
          'headcountMin=x',
        ),
        weight: 1,
      },
    ),
  )
  .map(([keys, all, extra, junk]) => {
    const picked: Record<string, unknown> = {};
    for (const key of [...keys, extra]) picked[key] = all[key as keyof typeof all];
    return { ...picked, junk: junk ?? undefined } as Partial<typeof all> & { junk?: string };
  });

function satisfies(row: Truth, p: Record<string, unknown>): string | null {
  const has = (list: unknown, value: unknown) => (list as unknown[]).includes(value);
  if (!isPublic(row)) return 'not public';
  if (p.legalForm && !has(p.legalForm, row.family)) return 'legalForm';
  if (p.companyType && !has(p.companyType, row.companyForm)) return 'companyType';
  if (p.origin && !has(p.origin, row.origin)) return 'origin';
  if (p.region && !has(p.region, row.regionCode)) return 'region';
  if (p.department && !has(p.department, row.departmentCode)) return 'department';
  if (p.sector && !(p.sector as string[]).some((s) => row.sectors.includes(s))) return 'sector';
  if (p.status) {
    const flags = { cae: row.isCae, amorcage: row.isAmorcage, grouping: row.isGrouping } as Record<
      string,
      boolean
    >;
    if (!(p.status as string[]).some((s) => flags[s])) return 'status';
  }
  if (p.naf) {
    const code = row.nafCode ?? '';
    const ok = (p.naf as string[]).some((n) => {
      if (/^[A-Z]$/.test(n)) return row.nafSection === n;
      const canonical = n.includes('.') || n.length <= 2 ? n : `${n.slice(0, 2)}.${n.slice(2)}`;
      return code.startsWith(canonical);
    });
    if (!ok) return 'naf';
  }
  for (const t of (p.trait as string[]) ?? []) if (!row.traitsPresent.includes(t)) return 'trait';
  for (const t of (p.traitAbsent as string[]) ?? []) if (!row.traitsAbsent.includes(t)) return 'traitAbsent';
  for (const t of (p.traitUnknown as string[]) ?? [])
    if (row.traitsPresent.includes(t) || row.traitsAbsent.includes(t)) return 'traitUnknown';
  if (
    p.foundedFrom !== undefined &&
    (row.foundedYear === null || row.foundedYear < (p.foundedFrom as number))
  )
    return 'foundedFrom';
  if (
    p.cooperativeTo !== undefined &&
    (row.becameCooperativeYear === null || row.becameCooperativeYear > (p.cooperativeTo as number))
  )
    return 'cooperativeTo';
  if (p.headcountMin !== undefined || p.headcountMax !== undefined) {
    const bands: Record<string, [number, number]> = {
      '00': [0, 0],
      '01': [1, 2],
      '02': [3, 5],
      '03': [6, 9],
      '11': [10, 19],
      '12': [20, 49],
      '21': [50, 99],
      '22': [100, 199],
      '31': [200, 249],
      '32': [250, 499],
    };
    const band = row.headcountBand ? bands[row.headcountBand] : undefined;
    const min = (p.headcountMin as number) ?? 0;
    const max = (p.headcountMax as number) ?? Number.POSITIVE_INFINITY;
    if (!band || band[0] > max || band[1] < min) return 'headcount';
  }
  return null;
}

describe('search parameters, at random', () => {
  it('never answer 5xx, and every hit satisfies every filter', async () => {
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const { junk, ...given } = p;
        const query: Record<string, unknown> = { ...given };
        if (query.near) query.radiusKm = 25;
        const url = searchUrl(query as Record<string, string>) + (junk ? `&${junk}` : '');
        const response = await fetch(`${f.t.baseUrl}${url}`);
        expect(response.status, url).toBeLessThan(500);
        const body = (await response.json()) as Json;
        if (response.status !== 200) {
          expect(response.status, url).toBe(400);
          expect(body.errors?.length ?? 0, url).toBeGreaterThan(0);
          return;
        }
        expect(junk, 'junk must be refused').toBeUndefined();
        expect(body.hits.length).toBeLessThanOrEqual(given.limit ?? 20);
        for (const hit of body.hits) {
          const row = byId.get(hit.cooperative.id);
          if (!row) continue; // created by another test file? (each file has its own database: never)
          expect(satisfies(row, given), `${hit.cooperative.name} for ${url}`).toBeNull();
          if (given.near) expect(hit.distanceKm).toBeLessThanOrEqual(25);
        }
      }),
      { numRuns: 250, seed: 20261126 },
    );
  }, 120_000);
});
