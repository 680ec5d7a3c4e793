// The directory held in memory: one typed-array column per filterable attribute, inverted indexes
// of French stems and of name trigrams. PostgreSQL stays the only source of truth: the index is
// built from it at start and refreshed row by row after every write (see search-sync.ts).
import { randomBytes } from 'node:crypto';
import { compact, isLegalFormWord, isStopWord, lexemes, normalize, trigrams } from './search-text.js';

/** What the index needs of a profile, as search-sync.ts loads it. */
export type IndexSource = {
  id: string;
  name: string;
  tradeNames: string[];
  acronym: string | null;
  siren: string | null;
  siret: string | null;
  family: string;
  companyForm: string | null;
  isCae: boolean;
  isAmorcage: boolean;
  isGrouping: boolean;
  origin: string | null;
  regionCode: string | null;
  departmentCode: string | null;
  communeCode: string | null;
  communeName: string | null;
  postalCode: string | null;
  nafCode: string | null;
  sectors: string[];
  activity: string | null;
  description: string | null;
  employees: number | null;
  headcountBand: string | null;
  foundedYear: number | null;
  foundedMonth: number | null;
  foundedDay: number | null;
  becameCooperativeYear: number | null;
  becameCooperativeMonth: number | null;
  becameCooperativeDay: number | null;
  latitude: number | null;
  longitude: number | null;
  updatedAt: Date;
  published: boolean;
  archived: boolean;
  membershipStatus: string;
  advisorId: string | null;
  traits: Record<string, boolean>;
};

/** Small integers for the values of a categorical column; 0 is "no value". */
export class Dictionary {
  readonly values: (string | null)[] = [null];
  private readonly codes = new Map<string, number>();
  code(value: string | null | undefined): number {
    if (value === null || value === undefined) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  find(value: string): number | undefined {
    return this.codes.get(value);
  }
}

export const WEIGHT = { name: 3, tradeName: 2, activity: 1, description: 0 } as const;
export const FLAG = { cae: 1, amorcage: 2, grouping: 4, published: 8, archived: 16, deleted: 32 } as const;
const NO_INT = -1;

/** yyyymmdd with 00 for an unknown month or day; -1 when the year is unknown. */
const dateKey = (year: number | null, month: number | null, day: number | null) =>
  year === null ? NO_INT : year * 10_000 + (month ?? 0) * 100 + (day ?? 0);

function grow<T extends Int32Array | Uint8Array | Uint16Array | Float64Array | Uint32Array>(
  array: T,
  size: number,
): T {
  if (array.length >= size) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

export class DirectoryIndex {
  /** Tells indexes apart across reloads, restarts and instances (caches and ETags key on id and version). */
  readonly id = randomBytes(6).toString('base64url');
  size = 0;
  /** Bumped on every change: response caches and ETags key on it. */
  version = 0;
  readonly ids: string[] = [];
  readonly rowOf = new Map<string, number>();
  readonly nameNorm: string[] = [];
  readonly compactName: string[] = [];
  /** The name without legal-form and stop words ("Scop Menuiserie Dupré" -> "menuiserie dupre"), and run together. */
  readonly cleanName: string[] = [];
  readonly cleanCompact: string[] = [];

  readonly dict = {
    family: new Dictionary(),
    companyForm: new Dictionary(),
    origin: new Dictionary(),
    region: new Dictionary(),
    department: new Dictionary(),
    commune: new Dictionary(),
    postalCode: new Dictionary(),
    naf: new Dictionary(),
    sector: new Dictionary(),
    band: new Dictionary(),
    membership: new Dictionary(),
    advisor: new Dictionary(),
    trait: new Dictionary(),
  };

  flags = new Uint8Array(1024);
  family = new Uint8Array(1024);
  companyForm = new Uint8Array(1024);
  origin = new Uint8Array(1024);
  region = new Uint16Array(1024);
  department = new Uint16Array(1024);
  commune = new Uint32Array(1024);
  postalCode = new Uint32Array(1024);
  naf = new Uint16Array(1024);
  band = new Uint8Array(1024);
  membership = new Uint8Array(1024);
  advisor = new Uint16Array(1024);
  employees = new Int32Array(1024);
  founded = new Int32Array(1024);
  becameCooperative = new Int32Array(1024);
  latitude = new Float64Array(1024);
  longitude = new Float64Array(1024);
  updatedAt = new Float64Array(1024);
  /** Sector and trait codes per row (few per row). */
  readonly sectors: Uint16Array[] = [];
  readonly traitsPresent: Uint16Array[] = [];
  readonly traitsAbsent: Uint16Array[] = [];

  /** stem -> postings, each `row * 4 + weight` (weight of the best field the stem is in). */
  readonly terms = new Map<string, number[]>();
  /** Each row's postings entries, to take them out again when the row changes. */
  private readonly rowTerms: [string, number][][] = [];
  private sortedTerms: string[] | null = null;
  /** trigram of the compact name -> rows. */
  readonly nameTrigrams = new Map<string, number[]>();
  readonly sirens = new Map<string, number>();
  readonly sirets = new Map<string, number>();
  private readonly rowIdentifiers: [string | null, string | null][] = [];
  /** Rows in name order ("École" with the E's), and each row's place in it. */
  byName: number[] = [];
  nameRank = new Int32Array(1024);
  private nameOrderDirty = false;

  private ensure(size: number) {
    for (const column of [
      'flags',
      'family',
      'companyForm',
      'origin',
      'region',
      'department',
      'commune',
      'postalCode',
      'naf',
      'band',
      'membership',
      'advisor',
      'employees',
      'founded',
      'becameCooperative',
      'latitude',
      'longitude',
      'updatedAt',
      'nameRank',
    ] as const) {
      (this as Record<string, unknown>)[column] = grow(this[column] as Int32Array, size);
    }
  }

  /** Adds or replaces a profile; `batch` defers the name order to finish(). */
  upsert(source: IndexSource, batch = false): void {
    let row = this.rowOf.get(source.id);
    if (row === undefined) {
      row = this.size++;
      this.ensure(this.size);
      this.ids[row] = source.id;
      this.rowOf.set(source.id, row);
    } else {
      this.unlinkText(row);
    }
    const d = this.dict;
    this.flags[row] =
      (source.isCae ? FLAG.cae : 0) |
      (source.isAmorcage ? FLAG.amorcage : 0) |
      (source.isGrouping ? FLAG.grouping : 0) |
      (source.published ? FLAG.published : 0) |
      (source.archived ? FLAG.archived : 0);
    this.family[row] = d.family.code(source.family);
    this.companyForm[row] = d.companyForm.code(source.companyForm);
    this.origin[row] = d.origin.code(source.origin);
    this.region[row] = d.region.code(source.regionCode);
    this.department[row] = d.department.code(source.departmentCode);
    this.commune[row] = d.commune.code(source.communeCode);
    this.postalCode[row] = d.postalCode.code(source.postalCode);
    this.naf[row] = d.naf.code(source.nafCode);
    this.band[row] = d.band.code(source.headcountBand);
    this.membership[row] = d.membership.code(source.membershipStatus);
    this.advisor[row] = d.advisor.code(source.advisorId);
    this.employees[row] = source.employees ?? NO_INT;
    this.founded[row] = dateKey(source.foundedYear, source.foundedMonth, source.foundedDay);
    this.becameCooperative[row] = dateKey(
      source.becameCooperativeYear,
      source.becameCooperativeMonth,
      source.becameCooperativeDay,
    );
    this.latitude[row] = source.latitude ?? Number.NaN;
    this.longitude[row] = source.longitude ?? Number.NaN;
    this.updatedAt[row] = source.updatedAt.getTime();
    this.sectors[row] = Uint16Array.from(source.sectors, (sector) => d.sector.code(sector));
    const traits = Object.entries(source.traits);
    this.traitsPresent[row] = Uint16Array.from(
      traits.filter(([, present]) => present),
      ([key]) => d.trait.code(key),
    );
    this.traitsAbsent[row] = Uint16Array.from(
      traits.filter(([, present]) => !present),
      ([key]) => d.trait.code(key),
    );
    this.linkText(row, source);
    this.version++;
    if (batch) this.nameOrderDirty = true;
    else this.placeInNameOrder(row);
  }

  /** Takes a profile out (it was deleted from the database). */
  remove(id: string): void {
    const row = this.rowOf.get(id);
    if (row === undefined) return;
    this.unlinkText(row);
    this.flags[row] = FLAG.deleted;
    this.version++;
  }

  /** Completes a batch of upserts. */
  finish(): void {
    if (!this.nameOrderDirty) return;
    const rows = Array.from({ length: this.size }, (_, row) => row);
    rows.sort((a, b) => this.compareNames(a, b));
    this.byName = rows;
    for (let rank = 0; rank < rows.length; rank++) this.nameRank[rows[rank]!] = rank;
    this.nameOrderDirty = false;
  }

  /**
   * Where a (name, id) falls in name order: `before` is the first place not before it, `after` the
   * first place after it (they differ when that exact row is still there).
   */
  namePlace(name: string, id: string): { before: number; after: number } {
    const order = this.byName;
    const search = (strictlyAfter: boolean) => {
      let low = 0;
      let high = order.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const row = order[mid]!;
        const rowName = this.nameNorm[row]!;
        const rowId = this.ids[row]!;
        const less = rowName < name || (rowName === name && (strictlyAfter ? rowId <= id : rowId < id));
        if (less) low = mid + 1;
        else high = mid;
      }
      return low;
    };
    return { before: search(false), after: search(true) };
  }

  compareNames(a: number, b: number): number {
    const x = this.nameNorm[a]!;
    const y = this.nameNorm[b]!;
    if (x !== y) return x < y ? -1 : 1;
    const p = this.ids[a]!;
    const q = this.ids[b]!;
    return p < q ? -1 : p > q ? 1 : 0;
  }

  /** Moves one row to its place in name order; only the ranks in between change. */
  private placeInNameOrder(row: number) {
    const order = this.byName;
    const old = this.nameRank[row]!;
    const present = old < order.length && order[old] === row;
    if (present) order.splice(old, 1);
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compareNames(order[mid]!, row) < 0) low = mid + 1;
      else high = mid;
    }
    order.splice(low, 0, row);
    const from = present ? Math.min(old, low) : low;
    const to = present ? Math.max(old, low) : order.length - 1;
    for (let rank = from; rank <= to; rank++) this.nameRank[order[rank]!] = rank;
  }

  private linkText(row: number, source: IndexSource) {
    const name = normalize(source.name);
    this.nameNorm[row] = name;
    this.compactName[row] = compact(name);
    const clean = name
      .split(' ')
      .filter((word) => !isLegalFormWord(word) && !isStopWord(word))
      .join(' ');
    this.cleanName[row] = clean;
    this.cleanCompact[row] = compact(clean);
    const best = new Map<string, number>();
    const add = (text: string | null, weight: number) => {
      if (!text) return;
      for (const lexeme of lexemes(text)) if ((best.get(lexeme) ?? -1) < weight) best.set(lexeme, weight);
    };
    add(source.name, WEIGHT.name);
    add([source.acronym, ...source.tradeNames].filter(Boolean).join(' '), WEIGHT.tradeName);
    add(source.activity, WEIGHT.activity);
    add([source.description, source.communeName].filter(Boolean).join(' '), WEIGHT.description);
    // A name run together ("DataCoop") is also found from its parts' run-together form.
    if (this.compactName[row]!.length > 2) add(this.compactName[row]!, WEIGHT.name);
    const terms: [string, number][] = [];
    for (const [term, weight] of best) {
      let postings = this.terms.get(term);
      if (!postings) {
        postings = [];
        this.terms.set(term, postings);
        this.sortedTerms = null;
      }
      postings.push(row * 4 + weight);
      terms.push([term, row * 4 + weight]);
    }
    this.rowTerms[row] = terms;
    for (const trigram of trigrams(this.compactName[row]!)) {
      const postings = this.nameTrigrams.get(trigram);
      if (postings) postings.push(row);
      else this.nameTrigrams.set(trigram, [row]);
    }
    if (source.siren) this.sirens.set(source.siren, row);
    if (source.siret) this.sirets.set(source.siret, row);
    this.rowIdentifiers[row] = [source.siren, source.siret];
  }

  private unlinkText(row: number) {
    for (const [term, entry] of this.rowTerms[row] ?? []) {
      const postings = this.terms.get(term)!;
      postings.splice(postings.indexOf(entry), 1);
      if (!postings.length) {
        this.terms.delete(term);
        this.sortedTerms = null;
      }
    }
    this.rowTerms[row] = [];
    for (const trigram of trigrams(this.compactName[row] ?? '')) {
      const postings = this.nameTrigrams.get(trigram);
      const at = postings ? postings.indexOf(row) : -1;
      if (at >= 0) postings!.splice(at, 1);
    }
    const [siren, siret] = this.rowIdentifiers[row] ?? [null, null];
    if (siren && this.sirens.get(siren) === row) this.sirens.delete(siren);
    if (siret && this.sirets.get(siret) === row) this.sirets.delete(siret);
  }

  /** The stems starting with a prefix, from a sorted list built when the vocabulary changed. */
  termsWithPrefix(prefix: string): string[] {
    this.sortedTerms ??= [...this.terms.keys()].sort();
    const sorted = this.sortedTerms;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) found.push(sorted[i]!);
    return found;
  }
}
