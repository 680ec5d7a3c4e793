// Régions, départements and communes from @etalab/decoupage-administratif, loaded on first use.
//
// findCommune accepts current communes and the 45 arrondissements municipaux of Paris, Lyon and
// Marseille (SIRENE locates establishments there: 75108, 69381, 13201), which keep their own postal
// codes. Communes déléguées and associées are former communes: findCommune rejects their codes (a
// profile must point to a current commune) and findSuccessorCommune maps them, like any code listed
// as an "ancien code", to the current commune for imports of old records.
// The package files overseas collectivités (975 Saint-Pierre-et-Miquelon, 977, 978, 984–989) as
// pseudo-régions coded like their pseudo-département: they are not régions, so their communes get
// regionCode null, findDepartment resolves them with regionCode null, and listDepartments and the
// région lists leave them out.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Commune = {
  code: string;
  name: string;
  departmentCode: string;
  regionCode: string | null;
  postalCodes: string[];
};
export type Department = { code: string; name: string; regionCode: string | null };
export type Region = { code: string; name: string; departments: { code: string; name: string }[] };

type RawCommune = {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'arrondissement-municipal' | 'commune-deleguee' | 'commune-associee';
  zone: 'metro' | 'drom' | 'com';
  departement: string;
  region: string;
  codesPostaux?: string[];
  anciensCodes?: string[];
  chefLieu?: string;
};
type RawDepartment = { code: string; nom: string; region: string; zone: RawCommune['zone'] };
type RawRegion = { code: string; nom: string; zone: RawCommune['zone'] };

const require = createRequire(import.meta.url);

// Read rather than require(): require's cache would keep the raw 8.6 MB array alive next to the index.
function readData<T>(file: string): T {
  return JSON.parse(
    readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), 'utf8'),
  ) as T;
}

// Cached objects are shared between callers: frozen so that one caller cannot corrupt another's view.
type Territories = {
  regions: Map<string, Region>;
  departments: Map<string, Department>;
};
let territories: Territories | undefined;

function loadTerritories(): Territories {
  if (territories) return territories;
  const rawRegions = readData<RawRegion[]>('regions.json');
  const rawDepartments = readData<RawDepartment[]>('departements.json');
  const byCode = (a: { code: string }, b: { code: string }) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  const departments = new Map<string, Department>();
  for (const d of [...rawDepartments].sort(byCode)) {
    const regionCode = d.zone === 'com' ? null : d.region;
    departments.set(d.code, Object.freeze({ code: d.code, name: d.nom, regionCode }));
  }
  const regions = new Map<string, Region>();
  for (const r of [...rawRegions].sort(byCode)) {
    if (r.zone === 'com') continue;
    const members = [...departments.values()].filter((d) => d.regionCode === r.code);
    const departmentsOfRegion = Object.freeze(
      members.map((d) => Object.freeze({ code: d.code, name: d.name })),
    );
    regions.set(
      r.code,
      Object.freeze({ code: r.code, name: r.nom, departments: departmentsOfRegion }) as Region,
    );
  }
  territories = { regions, departments };
  return territories;
}

type CommuneIndex = { current: Map<string, Commune>; successors: Map<string, string> };
let communeIndex: CommuneIndex | undefined;

function loadCommunes(): CommuneIndex {
  if (communeIndex) return communeIndex;
  // 8.6 MB, ~170 ms to parse: only on the first commune lookup.
  const raw = readData<RawCommune[]>('communes.json');
  const current = new Map<string, Commune>();
  const successors = new Map<string, string>();
  for (const c of raw) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    const commune = {
      code: c.code,
      name: c.nom,
      departmentCode: c.departement,
      regionCode: c.zone === 'com' ? null : c.region,
      postalCodes: Object.freeze(c.codesPostaux ?? []) as string[],
    };
    current.set(c.code, Object.freeze(commune));
    for (const old of c.anciensCodes ?? []) successors.set(old, c.code);
  }
  for (const c of raw) {
    // The seat of a commune nouvelle often shares its code with the commune déléguée: current wins.
    if (current.has(c.code) || !c.chefLieu) continue;
    if (c.type === 'commune-deleguee' || c.type === 'commune-associee') successors.set(c.code, c.chefLieu);
  }
  communeIndex = { current, successors };
  return communeIndex;
}

export function findCommune(code: string): Commune | undefined {
  return loadCommunes().current.get(code.trim().toUpperCase());
}

export function findSuccessorCommune(code: string): Commune | undefined {
  const { current, successors } = loadCommunes();
  const key = code.trim().toUpperCase();
  const successor = successors.get(key);
  return current.get(key) ?? (successor === undefined ? undefined : current.get(successor));
}

export function isPostalCodeOfCommune(postalCode: string, communeCode: string): boolean {
  return findCommune(communeCode)?.postalCodes.includes(postalCode.trim()) ?? false;
}

export function listRegions(): Region[] {
  return [...loadTerritories().regions.values()];
}

export function findRegion(code: string): Region | undefined {
  return loadTerritories().regions.get(code.trim());
}

export function findDepartment(code: string): Department | undefined {
  return loadTerritories().departments.get(code.trim().toUpperCase());
}

export function listDepartments(): Department[] {
  return [...loadTerritories().departments.values()].filter((d) => d.regionCode !== null);
}
