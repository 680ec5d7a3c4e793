// The benchmark's query shapes: for each, service URLs built from the demo vocabulary, and the plain SQL
// that answers the same request (ranked page + exact count, facets as one GROUP BY each, keyset pages).
import type pg from 'pg';
import { DEMO_COMMUNES, DEMO_NAF } from '../src/db/db-demo-vocabulary.js';
import { findCommune } from '../src/reference/reference-geography.js';
import { isLegalFormWord, isStopWord, normalize, words } from '../src/search/search-text.js';

export type Statement = { label: string; text: string; values: unknown[] };
/** One request to the service and the statements plain SQL runs, one after the other, to answer it. */
export type BenchRequest = { path: string; sql: Statement[] };
export type Shape = { name: string; requests: BenchRequest[] };

type FacetName = 'legalForm' | 'region' | 'department' | 'sector' | 'naf' | 'trait' | 'headcountBand';
type Filters = {
  legalForm?: string[];
  region?: string[];
  department?: string[];
  sector?: string[];
  headcountMin?: number;
  headcountMax?: number;
};
type Search = Filters & {
  q?: string;
  near?: { lat: number; lon: number; radiusKm: number };
  sort?: 'name' | '-name' | '-updatedAt' | 'distance';
  facets?: FacetName[];
  limit?: number;
  /** The service's cursor, and the same place in SQL's (name_normalized, id) order. */
  cursor?: string;
  after?: { name: string; id: string };
};

const ENDPOINT = '/v1/cooperatives';
const LIMIT = 20;
const EARTH_KM = 6371.0088;
const ALL_FACETS: FacetName[] = [
  'legalForm',
  'region',
  'department',
  'sector',
  'naf',
  'trait',
  'headcountBand',
];
const WIDGET_FACETS: FacetName[] = ['legalForm', 'region', 'sector', 'headcountBand'];
// What a result card shows; the service reads whole profiles, this is the plain-SQL page.
const CARD =
  'c.id, c.slug, c.name, c.acronym, c.trade_names, c.family, c.company_form, c.activity, c.description, ' +
  'c.commune_name, c.postal_code, c.department_code, c.region_code, c.naf_code, c.sectors, c.headcount_band, ' +
  'c.website, c.latitude, c.longitude, c.updated_at';
const FACET_SQL: Record<FacetName, { value: string; join?: string }> = {
  legalForm: { value: 'c.family::text' },
  region: { value: 'c.region_code' },
  department: { value: 'c.department_code' },
  headcountBand: { value: 'c.headcount_band' },
  naf: { value: 'c.naf_section' },
  sector: { value: 's.value', join: 'CROSS JOIN LATERAL unnest(c.sectors) AS s(value)' },
  trait: { value: 't.trait_key', join: 'JOIN cooperative_trait t ON t.cooperative_id = c.id AND t.present' },
};

export function toPath(search: Search): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number | undefined) =>
    value !== undefined && params.set(name, String(value));
  set('q', search.q);
  for (const name of ['legalForm', 'region', 'department', 'sector'] as const)
    set(name, search[name]?.join(','));
  set('headcountMin', search.headcountMin);
  set('headcountMax', search.headcountMax);
  if (search.near) {
    set('near', `${search.near.lat},${search.near.lon}`);
    set('radiusKm', search.near.radiusKm);
  }
  set('sort', search.sort);
  set('facets', search.facets?.join(','));
  set('limit', search.limit);
  set('cursor', search.cursor);
  return `${ENDPOINT}?${params.toString().replaceAll('%2C', ',')}`;
}

/** The words as the service reads them: q arrives trimmed, so a last word of 2+ letters is always a prefix. */
export function toTsquery(q: string): string {
  const all = words(q);
  return all.map((word, i) => (i === all.length - 1 && word.length >= 2 ? `${word}:*` : word)).join(' & ');
}

/** WHERE clause of a search for the public, leaving out one facet's own filter (disjunctive facets). */
function clauses(search: Search, except?: FacetName) {
  const values: unknown[] = [];
  const add = (value: unknown) => `$${values.push(value)}`;
  const where = ['c.published', 'c.archived_at IS NULL'];
  let rank = '';
  let distance = '';
  if (search.q) {
    const query = `to_tsquery('coopdir_french', ${add(toTsquery(search.q))})`;
    where.push(`c.search_document @@ ${query}`);
    rank = `ts_rank(c.search_document, ${query})`;
  }
  if (search.legalForm && except !== 'legalForm')
    where.push(`c.family = ANY(${add(search.legalForm)}::cooperative_family[])`);
  if (search.region && except !== 'region')
    where.push(`c.region_code = ANY(${add(search.region)}::bpchar[])`);
  if (search.department && except !== 'department')
    where.push(`c.department_code = ANY(${add(search.department)}::varchar[])`);
  if (search.sector && except !== 'sector') where.push(`c.sectors && ${add(search.sector)}::text[]`);
  // Band-aligned ranges: the same rows as the service's public filter on headcount bands.
  if ((search.headcountMin ?? search.headcountMax) !== undefined && except !== 'headcountBand')
    where.push(
      `c.employees BETWEEN ${add(search.headcountMin ?? 0)}::int AND ${add(search.headcountMax ?? 2 ** 31 - 1)}::int`,
    );
  if (search.near) {
    const { lat, lon, radiusKm } = search.near;
    const dLat = radiusKm / 111.2;
    const dLon = radiusKm / (111.32 * Math.cos((lat * Math.PI) / 180));
    where.push(`c.latitude BETWEEN ${add(lat - dLat)}::float8 AND ${add(lat + dLat)}::float8`);
    where.push(`c.longitude BETWEEN ${add(lon - dLon)}::float8 AND ${add(lon + dLon)}::float8`);
    const [la, lo] = [add(lat), add(lon)];
    distance =
      `(2 * ${EARTH_KM} * asin(sqrt(power(sin(radians(c.latitude - ${la}::float8) / 2), 2) + ` +
      `cos(radians(${la}::float8)) * cos(radians(c.latitude)) * power(sin(radians(c.longitude - ${lo}::float8) / 2), 2))))`;
    where.push(`${distance} <= ${add(radiusKm)}::float8`);
  }
  if (search.after)
    where.push(
      `(c.name_normalized, c.id) > (${add(search.after.name)}::text, ${add(search.after.id)}::uuid)`,
    );
  return { values, where: where.join(' AND '), rank, distance };
}

function orderOf(search: Search, rank: string): string {
  if (search.sort === 'distance') return 'distance_km, c.name_normalized, c.id';
  if (search.sort === '-name') return 'c.name_normalized DESC, c.id DESC';
  if (search.sort === '-updatedAt') return 'c.updated_at DESC, c.name_normalized, c.id';
  return rank && !search.sort ? `${rank} DESC, c.name_normalized, c.id` : 'c.name_normalized, c.id';
}

export function toSql(search: Search): Statement[] {
  const page = clauses(search);
  const extra = page.distance ? `, ${page.distance} AS distance_km` : '';
  const count = clauses({ ...search, after: undefined });
  return [
    {
      label: 'page',
      text: `SELECT ${CARD}${extra} FROM cooperative c WHERE ${page.where} ORDER BY ${orderOf(search, page.rank)} LIMIT ${search.limit ?? LIMIT}`,
      values: page.values,
    },
    {
      label: 'count',
      text: `SELECT count(*)::int AS total FROM cooperative c WHERE ${count.where}`,
      values: count.values,
    },
    ...(search.facets ?? []).map((facet) => {
      const { value, join = '' } = FACET_SQL[facet];
      const { where, values } = clauses({ ...search, after: undefined }, facet);
      return {
        label: `facet ${facet}`,
        text: `SELECT ${value} AS value, count(*)::int AS count FROM cooperative c ${join} WHERE ${where} GROUP BY 1`,
        values,
      };
    }),
  ];
}

const request = (search: Search): BenchRequest => ({ path: toPath(search), sql: toSql(search) });
/** `count` items spread evenly over a list, in its order. */
const spread = <T>(items: readonly T[], count: number): T[] =>
  items.length <= count
    ? [...items]
    : Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
const unique = <T>(items: T[]): T[] => [...new Set(items)];
/** Words a person would type: lower case, accents kept, no stop words or legal-form words. */
const typedWords = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s'’-]+/)
    .filter(
      (word) =>
        normalize(word).length >= 3 && !isStopWord(normalize(word)) && !isLegalFormWord(normalize(word)),
    );

const TRADE_WORDS = unique(DEMO_NAF.flatMap((naf) => [...naf.nouns, ...naf.trades].flatMap(typedWords)));
const COMMUNES = DEMO_COMMUNES.map((entry) => ({ ...entry, name: findCommune(entry.code)!.name }));
const TOWNS = unique(COMMUNES.map((c) => c.name.replace(/ \d+(?:er|e) Arrondissement$/, '').toLowerCase()));

function textShapes(names: string[]): Shape[] {
  const nameWords = names.map(typedWords).filter((list) => list.length >= 2);
  const prefixWords = [
    ...spread(TRADE_WORDS, 9),
    ...spread(TOWNS, 3),
    ...spread(nameWords, 3).map((w) => w[1]!),
  ];
  const oneWord = [
    ...spread(TRADE_WORDS, 24),
    ...spread(TOWNS, 8),
    ...spread(nameWords, 8).map((w) => w[1]!),
  ];
  const pairs = spread(TRADE_WORDS, 20).map((word, i) => `${word} ${TOWNS[(i * 7) % TOWNS.length]}`);
  const twoWord = [...pairs, ...spread(nameWords, 20).map((w) => `${w[0]} ${w[1]}`)];
  return [
    {
      name: 'prefix',
      requests: prefixWords.flatMap((word) =>
        Array.from(word, (_, i) => request({ q: word.slice(0, i + 1) })),
      ),
    },
    { name: 'one-word', requests: oneWord.map((q) => request({ q })) },
    { name: 'two-word', requests: twoWord.map((q) => request({ q })) },
  ];
}

function filterShapes(): Shape[] {
  const forms = [['scop'], ['scic'], undefined];
  const regions = [['11'], ['24'], ['94'], undefined];
  const ranges = [[0, 9], [10, 49], [50, 249], undefined];
  const lists = forms.flatMap((legalForm) =>
    regions.flatMap((region) =>
      ranges.map((range) => ({ legalForm, region, headcountMin: range?.[0], headcountMax: range?.[1] })),
    ),
  );
  const withFacets: Filters[] = [
    { region: ['24'] },
    { legalForm: ['scic'] },
    { sector: ['construction'] },
    { region: ['11'], legalForm: ['scop'] },
    { department: ['37'] },
    { headcountMin: 10, headcountMax: 49 },
    { region: ['24'], sector: ['construction'] },
    { legalForm: ['scop'], headcountMin: 0, headcountMax: 9 },
    { region: ['94', '04'] },
    { sector: ['information_communication'], region: ['11'] },
    { legalForm: ['coop47'] },
    { department: ['75', '93'], sector: ['services_consulting'] },
  ];
  return [
    {
      name: 'filters',
      requests: lists
        .filter((f) => f.legalForm || f.region || f.headcountMin !== undefined)
        .map((f) => request({ ...f, sort: 'name' })),
    },
    { name: 'facets', requests: withFacets.map((f) => request({ ...f, facets: ALL_FACETS })) },
    {
      name: 'first-screen',
      requests: (['name', '-name', '-updatedAt'] as const).map((sort) =>
        request({ sort, facets: WIDGET_FACETS, limit: LIMIT }),
      ),
    },
    {
      name: 'geo',
      requests: COMMUNES.map((c) =>
        request({ near: { lat: c.latitude, lon: c.longitude, radiusKm: 20 }, sort: 'distance' }),
      ),
    },
  ];
}

const DEEP_LISTS: Filters[] = [
  {},
  { region: ['11'] },
  { legalForm: ['scic'] },
  { sector: ['construction'] },
  { region: ['24'], legalForm: ['scop'] },
];
const DEPTHS = [10, 20, 30, 40, 50];

/** Follows nextCursor through each list, then asks SQL where the same pages start in name order. */
async function deepShape(pool: pg.Pool, baseUrl: string): Promise<Shape> {
  const requests: BenchRequest[] = [];
  for (const filters of DEEP_LISTS) {
    let cursor: string | undefined;
    for (let page = 1; page <= Math.max(...DEPTHS); page++) {
      if (page > 1 && !cursor) break;
      const search: Search = { ...filters, sort: 'name', cursor };
      if (DEPTHS.includes(page)) {
        const { where, values } = clauses(search);
        const { rows } = await pool.query<{ name: string; id: string }>(
          `SELECT c.name_normalized AS name, c.id FROM cooperative c WHERE ${where} ORDER BY c.name_normalized, c.id OFFSET ${(page - 1) * LIMIT - 1} LIMIT 1`,
          values,
        );
        if (rows[0]) requests.push({ path: toPath(search), sql: toSql({ ...search, after: rows[0] }) });
      }
      const response = await fetch(`${baseUrl}${toPath(search)}`);
      if (!response.ok) throw new Error(`GET ${toPath(search)} answered ${response.status}`);
      cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor ?? undefined;
    }
  }
  return { name: 'deep-pages', requests };
}

/** Every shape in turn, request by request. */
function mixOf(shapes: Shape[], perShape = 40): Shape {
  return {
    name: 'mix',
    requests: Array.from({ length: perShape }, (_, i) =>
      shapes.map((shape) => shape.requests[i % shape.requests.length]!),
    ).flat(),
  };
}

export async function buildShapes(options: { pool: pg.Pool; baseUrl: string }): Promise<Shape[]> {
  const { rows } = await options.pool.query<{ name: string }>(
    'SELECT name FROM cooperative WHERE published AND archived_at IS NULL ORDER BY id LIMIT 500',
  );
  const shapes = [
    ...textShapes(rows.map((row) => row.name)),
    ...filterShapes(),
    await deepShape(options.pool, options.baseUrl),
  ];
  return [...shapes, mixOf(shapes)];
}
