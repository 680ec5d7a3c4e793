// Runs one search over the in-memory directory: text matching and ranking, filters, disjunctive
// facet counts, keyset pagination. Returns rows and figures; search-routes.ts makes the response.
import { HEADCOUNT_BANDS } from '../reference/reference-headcount.js';
import { parseNafPrefix } from '../reference/reference-naf.js';
import { type DirectoryIndex, FLAG } from './search-index.js';
import { matchText, type TextMatch } from './search-matching.js';
import type { FacetName, SearchQuerystring } from './search-params.js';

export type Viewer = 'public' | 'private';
export type SortField = 'relevance' | 'name' | 'founded' | 'headcount' | 'distance' | 'updatedAt';
/** Where the previous page ended: the last row's sort value, name and id (the full sort order). */
export type CursorPosition = { value: number | string | null; name: string; id: string };

export type SearchResult = {
  total: number;
  rows: number[];
  /** Sort value of each returned row, for the next cursor. */
  values: (number | string | null)[];
  distances: Float64Array;
  text: TextMatch | null;
  facets: Partial<Record<FacetName, Map<number | string, number>>>;
  sort: { field: SortField; descending: boolean };
};

/** A filter is a lookup table over a dictionary column (fast), or a test for the rest. */
type Filter = {
  facet?: FacetName;
  column?: ArrayLike<number>;
  allowed?: Uint8Array;
  test?: (row: number) => boolean;
};

const EARTH_KM = 6371.0088;
const PUBLIC_MASK = FLAG.published | FLAG.archived | FLAG.deleted;
const toRad = Math.PI / 180;

/** Rows a viewer may see at all: the public sees published, non-archived profiles only. */
function visibility(index: DirectoryIndex, viewer: Viewer, archived: 'true' | 'false' | 'any' | undefined) {
  const flags = index.flags;
  if (viewer === 'public') return (row: number) => (flags[row]! & PUBLIC_MASK) === FLAG.published;
  const want = archived ?? 'false';
  return (row: number) => {
    const flags = index.flags[row]!;
    if (flags & FLAG.deleted) return false;
    return want === 'any' || Boolean(flags & FLAG.archived) === (want === 'true');
  };
}

function codesOf(
  dictionary: { find(value: string): number | undefined },
  values: readonly string[],
): Set<number> {
  return new Set(values.map((value) => dictionary.find(value) ?? -1));
}

const inSet = (column: ArrayLike<number>, codes: Set<number>) => {
  const allowed = new Uint8Array(Math.max(0, ...codes) + 1);
  for (const code of codes) if (code >= 0) allowed[code] = 1;
  return { column, allowed };
};

function buildFilters(
  index: DirectoryIndex,
  query: SearchQuerystring,
  viewer: Viewer,
  distances: Float64Array,
): Filter[] {
  const d = index.dict;
  const filters: Filter[] = [];
  const add = (
    facet: FacetName | undefined,
    test: ((row: number) => boolean) | { column: ArrayLike<number>; allowed: Uint8Array },
  ) => filters.push(typeof test === 'function' ? { facet, test } : { facet, ...test });

  if (query.legalForm) add('legalForm', inSet(index.family, codesOf(d.family, query.legalForm)));
  if (query.companyType)
    add('companyType', inSet(index.companyForm, codesOf(d.companyForm, query.companyType)));
  if (query.origin) add('origin', inSet(index.origin, codesOf(d.origin, query.origin)));
  const upper = (values: string[]) => values.map((value) => value.toUpperCase());
  if (query.region) add('region', inSet(index.region, codesOf(d.region, upper(query.region))));
  if (query.department)
    add('department', inSet(index.department, codesOf(d.department, upper(query.department))));
  if (query.commune) add(undefined, inSet(index.commune, codesOf(d.commune, upper(query.commune))));
  if (query.postalCode) add(undefined, inSet(index.postalCode, codesOf(d.postalCode, query.postalCode)));
  if (query.status) {
    const mask = query.status.reduce((bits, status) => bits | FLAG[status], 0);
    add('status', (row) => (index.flags[row]! & mask) !== 0);
  }
  if (query.naf) {
    const prefixes = query.naf
      .map((value) => parseNafPrefix(value)!)
      .map((p) => (p.level === 'section' ? `§${p.code}` : p.code));
    const allowed = new Uint8Array(d.naf.values.length);
    d.naf.values.forEach((code, i) => {
      if (
        code &&
        prefixes.some((p) => (p.startsWith('§') ? sectionOf(code) === p.slice(1) : code.startsWith(p)))
      )
        allowed[i] = 1;
    });
    add('naf', (row) => allowed[index.naf[row]!] === 1);
  }
  if (query.sector) {
    const codes = codesOf(d.sector, query.sector);
    add('sector', (row) => index.sectors[row]!.some((code) => codes.has(code)));
  }
  for (const [keys, lists] of [
    [query.trait, index.traitsPresent],
    [query.traitAbsent, index.traitsAbsent],
  ] as const) {
    for (const key of keys ?? []) {
      const code = d.trait.find(key) ?? -1;
      add(undefined, (row) => lists[row]!.includes(code));
    }
  }
  for (const key of query.traitUnknown ?? []) {
    const code = d.trait.find(key) ?? -1;
    add(
      undefined,
      (row) => !index.traitsPresent[row]!.includes(code) && !index.traitsAbsent[row]!.includes(code),
    );
  }
  if (query.headcountMin !== undefined || query.headcountMax !== undefined) {
    const min = query.headcountMin ?? 0;
    const max = query.headcountMax ?? Number.POSITIVE_INFINITY;
    if (viewer === 'private') {
      // Exact figures are not bands: this filter is not the band facet's own, so it narrows that facet too.
      add(undefined, (row) => index.employees[row]! >= min && index.employees[row]! <= max);
    } else {
      // The public knows bands, not exact figures: a band matches when it overlaps the range.
      const allowed = new Uint8Array(d.band.values.length);
      d.band.values.forEach((code, i) => {
        const band = HEADCOUNT_BANDS.find((b) => b.code === code);
        if (band && band.min !== null && band.min <= max && (band.max ?? Number.POSITIVE_INFINITY) >= min)
          allowed[i] = 1;
      });
      add('headcountBand', (row) => allowed[index.band[row]!] === 1);
    }
  }
  const yearRange = (column: Int32Array, from?: number, to?: number) => {
    if (from === undefined && to === undefined) return;
    const low = (from ?? 0) * 10_000;
    const high = ((to ?? 9999) + 1) * 10_000;
    add(undefined, (row) => column[row]! >= low && column[row]! < high);
  };
  yearRange(index.founded, query.foundedFrom, query.foundedTo);
  yearRange(index.becameCooperative, query.cooperativeFrom, query.cooperativeTo);
  if (query.updatedSince) {
    const since = Date.parse(query.updatedSince);
    add(undefined, (row) => index.updatedAt[row]! >= since);
  }
  if (query.near) {
    const { lat, lon } = query.near;
    const radius = query.radiusKm ?? 20;
    const dLat = radius / 111.2;
    const dLon = radius / (111.32 * Math.max(0.01, Math.cos(lat * toRad)));
    const cosLat = Math.cos(lat * toRad);
    add(undefined, (row) => {
      const rowLat = index.latitude[row]!;
      const rowLon = index.longitude[row]!;
      if (!(Math.abs(rowLat - lat) <= dLat && Math.abs(rowLon - lon) <= dLon)) return false;
      const a =
        Math.sin(((rowLat - lat) * toRad) / 2) ** 2 +
        cosLat * Math.cos(rowLat * toRad) * Math.sin(((rowLon - lon) * toRad) / 2) ** 2;
      const km = 2 * EARTH_KM * Math.asin(Math.sqrt(a));
      distances[row] = km;
      return km <= radius;
    });
  }
  if (viewer === 'private') {
    if (query.memberStatus)
      add('memberStatus', inSet(index.membership, codesOf(d.membership, query.memberStatus)));
    if (query.advisor) {
      const ids = query.advisor.map((id) => id.toLowerCase());
      add('advisor', inSet(index.advisor, codesOf(d.advisor, ids)));
    }
    if (query.published !== undefined) {
      const want = query.published;
      add('published', (row) => Boolean(index.flags[row]! & FLAG.published) === want);
    }
  }
  return filters;
}

const NAF_SECTIONS: [string, number, number][] = [
  ['A', 1, 3],
  ['B', 5, 9],
  ['C', 10, 33],
  ['D', 35, 35],
  ['E', 36, 39],
  ['F', 41, 43],
  ['G', 45, 47],
  ['H', 49, 53],
  ['I', 55, 56],
  ['J', 58, 63],
  ['K', 64, 66],
  ['L', 68, 68],
  ['M', 69, 75],
  ['N', 77, 82],
  ['O', 84, 84],
  ['P', 85, 85],
  ['Q', 86, 88],
  ['R', 90, 93],
  ['S', 94, 96],
  ['T', 97, 98],
  ['U', 99, 99],
];
export function sectionOf(nafCode: string): string | undefined {
  const division = Number(nafCode.slice(0, 2));
  return NAF_SECTIONS.find(([, first, last]) => division >= first && division <= last)?.[0];
}

type FacetCounter = { add(row: number): void; result(): Map<number | string, number> };

function columnCounter(column: ArrayLike<number>, size: number): FacetCounter {
  const counts = new Int32Array(size + 1);
  return {
    add: (row) => {
      counts[column[row]!]!++;
    },
    result: () => {
      const map = new Map<number, number>();
      for (let code = 1; code < counts.length; code++) if (counts[code]) map.set(code, counts[code]!);
      return map;
    },
  };
}

function listCounter(lists: Uint16Array[], size: number): FacetCounter {
  const counts = new Int32Array(size + 1);
  return {
    add: (row) => {
      for (const code of lists[row]!) counts[code]!++;
    },
    result: () => {
      const map = new Map<number, number>();
      for (let code = 1; code < counts.length; code++) if (counts[code]) map.set(code, counts[code]!);
      return map;
    },
  };
}

function keyCounter(keysOf: (row: number, out: (key: string) => void) => void): FacetCounter {
  const map = new Map<string, number>();
  const bump = (key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  return { add: (row) => keysOf(row, bump), result: () => map };
}

/** The column and dictionary of each facet that is one dictionary value per row (or a list of them). */
export function facetSource(index: DirectoryIndex, facet: FacetName) {
  const d = index.dict;
  const single = {
    legalForm: [index.family, d.family],
    companyType: [index.companyForm, d.companyForm],
    origin: [index.origin, d.origin],
    region: [index.region, d.region],
    department: [index.department, d.department],
    headcountBand: [index.band, d.band],
    memberStatus: [index.membership, d.membership],
    advisor: [index.advisor, d.advisor],
  } as const;
  const lists = { sector: [index.sectors, d.sector], trait: [index.traitsPresent, d.trait] } as const;
  if (facet in single) {
    const [column, dictionary] = single[facet as keyof typeof single];
    return { column, dictionary };
  }
  if (facet in lists) {
    const [rows, dictionary] = lists[facet as keyof typeof lists];
    return { lists: rows, dictionary };
  }
  return undefined;
}

/** Counts a facet's values over the rows it is given (several per row for sectors, traits, flags). */
function facetCounter(index: DirectoryIndex, facet: FacetName): FacetCounter {
  const source = facetSource(index, facet);
  if (source?.column) return columnCounter(source.column, source.dictionary.values.length);
  if (source?.lists) return listCounter(source.lists, source.dictionary.values.length);
  switch (facet) {
    case 'published':
      return keyCounter((row, out) => out(index.flags[row]! & FLAG.published ? 'true' : 'false'));
    case 'status':
      return keyCounter((row, out) => {
        const flags = index.flags[row]!;
        if (flags & FLAG.cae) out('cae');
        if (flags & FLAG.amorcage) out('amorcage');
        if (flags & FLAG.grouping) out('grouping');
      });
    default: {
      // naf: counted by section letter.
      const sectionOfCode = index.dict.naf.values.map((code) => (code ? sectionOf(code) : undefined));
      return keyCounter((row, out) => {
        const section = sectionOfCode[index.naf[row]!];
        if (section) out(section);
      });
    }
  }
}

/** What a query selects, before sorting and paging: cacheable until the index changes. */
type Scan = {
  matches: Int32Array;
  distances: Float64Array;
  text: TextMatch | null;
  facets: SearchResult['facets'];
};

function scanDirectory(index: DirectoryIndex, query: SearchQuerystring, viewer: Viewer): Scan {
  const distances = new Float64Array(query.near ? index.size : 0);
  const visible = visibility(index, viewer, viewer === 'private' ? query.archived : undefined);
  const filters = buildFilters(index, query, viewer, distances);
  const text = query.q?.trim() ? matchText(index, query.q, visible) : null;
  const facetNames = (query.facets ?? []).filter((f, i, all) => all.indexOf(f) === i);
  const counters = facetNames.map((facet) => facetCounter(index, facet));
  const counterOf = new Map(facetNames.map((facet, i) => [facet, counters[i]!]));
  const ownCounter = filters.map((filter) => (filter.facet ? counterOf.get(filter.facet) : undefined));

  const matches: number[] = [];
  const scan = (row: number) => {
    if (!visible(row)) return;
    let failed = -1;
    for (let k = 0; k < filters.length; k++) {
      const filter = filters[k]!;
      const pass = filter.allowed ? filter.allowed[filter.column![row]!] === 1 : filter.test!(row);
      if (!pass) {
        // A row that fails one filter still counts in that filter's own facet (disjunctive facets).
        if (failed !== -1) return;
        failed = k;
      }
    }
    if (failed === -1) {
      matches.push(row);
      for (let i = 0; i < counters.length; i++) counters[i]!.add(row);
    } else {
      ownCounter[failed]?.add(row);
    }
  };
  if (text) for (const row of text.rows) scan(row);
  else for (let row = 0; row < index.size; row++) scan(row);
  return {
    matches: Int32Array.from(matches),
    distances,
    text,
    facets: Object.fromEntries(facetNames.map((facet, i) => [facet, counters[i]!.result()])),
  };
}

const SCAN_CACHE_SIZE = 64;
const scanCache = new Map<string, Scan>();

/** Scans are kept per (index state, viewer, query without paging): the widget's first screen and
 * the prefixes people type are asked again and again, and cursors continue the same scan. */
function cachedScan(index: DirectoryIndex, query: SearchQuerystring, viewer: Viewer): Scan {
  const { cursor: _cursor, limit: _limit, sort: _sort, ...selecting } = query;
  const key = `${index.id}:${index.version}:${viewer}:${JSON.stringify(selecting)}`;
  const hit = scanCache.get(key);
  if (hit) {
    scanCache.delete(key);
    scanCache.set(key, hit);
    return hit;
  }
  const scan = scanDirectory(index, query, viewer);
  if (!query.near) {
    scanCache.set(key, scan);
    if (scanCache.size > SCAN_CACHE_SIZE) scanCache.delete(scanCache.keys().next().value!);
  }
  return scan;
}

export function runSearch(
  index: DirectoryIndex,
  query: SearchQuerystring,
  viewer: Viewer,
  cursor: CursorPosition | undefined,
): SearchResult {
  const { matches, distances, text, facets } = cachedScan(index, query, viewer);
  const [sortName, descending] = sortOf(query, Boolean(text));
  const want = query.limit + 1;
  let page: number[];
  let sortKeyOf: (row: number) => number | string | null = () => null;
  if (sortName === 'name') {
    // Name order is the index's own list: walk it from the cursor and keep the matching rows.
    const member = new Uint8Array(index.size);
    for (const row of matches) member[row] = 1;
    const order = index.byName;
    page = [];
    if (descending) {
      for (
        let i = (cursor ? index.namePlace(cursor.name, cursor.id).before : order.length) - 1;
        i >= 0 && page.length < want;
        i--
      ) {
        if (member[order[i]!]) page.push(order[i]!);
      }
    } else {
      for (
        let i = cursor ? index.namePlace(cursor.name, cursor.id).after : 0;
        i < order.length && page.length < want;
        i++
      ) {
        if (member[order[i]!]) page.push(order[i]!);
      }
    }
  } else {
    sortKeyOf = sortValue(index, sortName, text, distances, viewer);
    const direction = descending ? -1 : 1;
    // The order is total: sort value, then name, then id. The cursor names a place in it.
    const rank = index.nameRank;
    const compare = (a: number, b: number) =>
      compareValues(sortKeyOf(a), sortKeyOf(b), direction) || rank[a]! - rank[b]!;
    let candidates = Array.from(matches);
    if (cursor) {
      candidates = candidates.filter((row) => {
        const c = compareValues(sortKeyOf(row), cursor.value, direction);
        if (c !== 0) return c > 0;
        const name = index.nameNorm[row]!;
        if (name !== cursor.name) return name > cursor.name;
        return index.ids[row]! > cursor.id;
      });
    }
    page = topK(candidates, want, compare);
  }
  return {
    total: matches.length,
    rows: page,
    values: page.map((row) => (sortName === 'name' ? index.nameNorm[row]! : sortKeyOf(row))),
    distances,
    text,
    facets,
    sort: { field: sortName, descending },
  };
}

function sortOf(query: SearchQuerystring, hasText: boolean): [SortField, boolean] {
  if (!query.sort) return hasText ? ['relevance', false] : [query.near ? 'distance' : 'name', false];
  const descending = query.sort.startsWith('-');
  const field = query.sort.replace('-', '') as SortField;
  return [field === 'relevance' && !hasText ? 'name' : field, descending];
}

/** Values compare ascending in `direction` 1; relevance is "higher first" in its natural order; nulls last. */
function sortValue(
  index: DirectoryIndex,
  field: SortField,
  text: TextMatch | null,
  distances: Float64Array,
  viewer: Viewer,
): (row: number) => number | string | null {
  switch (field) {
    case 'relevance':
      return (row: number) => -(text?.score.get(row) ?? 0);
    case 'name':
      return (row: number) => index.nameRank[row]!;
    case 'founded':
      return (row: number) => (index.founded[row]! < 0 ? null : index.founded[row]!);
    case 'headcount':
      return viewer === 'private'
        ? (row: number) => (index.employees[row]! < 0 ? null : index.employees[row]!)
        : (row: number) => {
            const band = HEADCOUNT_BANDS.find((b) => b.code === index.dict.band.values[index.band[row]!]);
            return band?.min ?? null;
          };
    case 'distance':
      return (row: number) => distances[row]!;
    case 'updatedAt':
      return (row: number) => index.updatedAt[row]!;
  }
}

export function compareValues(
  a: number | string | null,
  b: number | string | null,
  direction: number,
): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : 1) * direction;
}

/** The k first rows in `compare` order, without sorting everything. */
function topK(rows: number[], k: number, compare: (a: number, b: number) => number): number[] {
  if (rows.length <= k * 4) return rows.sort(compare).slice(0, k);
  const heap: number[] = []; // a max-heap of the best k so far
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i]!, heap[parent]!) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && compare(heap[left]!, heap[largest]!) > 0) largest = left;
      if (right < heap.length && compare(heap[right]!, heap[largest]!) > 0) largest = right;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest]!, heap[i]!];
      i = largest;
    }
  };
  for (const row of rows) {
    if (heap.length < k) {
      heap.push(row);
      up(heap.length - 1);
    } else if (compare(row, heap[0]!) < 0) {
      heap[0] = row;
      down(0);
    }
  }
  return heap.sort(compare);
}
