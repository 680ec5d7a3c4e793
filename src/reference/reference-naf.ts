// NAF rév. 2 activity nomenclature: codes from @socialgouv/codes-naf plus the 21 sections A–U.
import { createRequire } from 'node:module';

export const NAF_VERSIONS = ['rev2', 'naf2025'] as const;
export type NafVersion = (typeof NAF_VERSIONS)[number];
export const CURRENT_NAF_VERSION: NafVersion = 'rev2';

export type NafLevel = 'section' | 'division' | 'group' | 'class' | 'subclass';
export type NafSubclass = {
  code: string;
  label: string;
  section: string;
  division: string;
  group: string;
  class: string;
};
export type NafSection = { code: string; label: string; divisions: { code: string; label: string }[] };

// The package has no sections: they come from INSEE's division ranges.
const SECTIONS: readonly (readonly [code: string, label: string, first: number, last: number])[] = [
  ['A', 'Agriculture, sylviculture et pêche', 1, 3],
  ['B', 'Industries extractives', 5, 9],
  ['C', 'Industrie manufacturière', 10, 33],
  ['D', "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné", 35, 35],
  ['E', "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution", 36, 39],
  ['F', 'Construction', 41, 43],
  ['G', "Commerce ; réparation d'automobiles et de motocycles", 45, 47],
  ['H', 'Transports et entreposage', 49, 53],
  ['I', 'Hébergement et restauration', 55, 56],
  ['J', 'Information et communication', 58, 63],
  ['K', "Activités financières et d'assurance", 64, 66],
  ['L', 'Activités immobilières', 68, 68],
  ['M', 'Activités spécialisées, scientifiques et techniques', 69, 75],
  ['N', 'Activités de services administratifs et de soutien', 77, 82],
  ['O', 'Administration publique', 84, 84],
  ['P', 'Enseignement', 85, 85],
  ['Q', 'Santé humaine et action sociale', 86, 88],
  ['R', 'Arts, spectacles et activités récréatives', 90, 93],
  ['S', 'Autres activités de services', 94, 96],
  [
    'T',
    "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que " +
      'producteurs de biens et services pour usage propre',
    97,
    98,
  ],
  ['U', 'Activités extra-territoriales', 99, 99],
];

type NafIndex = {
  labels: Map<string, string>;
  sections: NafSection[];
  sectionOfDivision: Map<string, string>;
};
let nafIndex: NafIndex | undefined;

function loadNaf(): NafIndex {
  if (nafIndex) return nafIndex;
  // Ids are already canonical: '62', '62.0', '62.01', '62.01Z'.
  const rows = createRequire(import.meta.url)('@socialgouv/codes-naf/index.json') as {
    id: string;
    label: string;
  }[];
  const labels = new Map(rows.map((r) => [r.id, r.label]));
  const sectionOfDivision = new Map<string, string>();
  const sections = SECTIONS.map(([code, label, first, last]) => {
    const divisions = rows
      .filter((r) => r.id.length === 2 && Number(r.id) >= first && Number(r.id) <= last)
      .map((r) => Object.freeze({ code: r.id, label: r.label }));
    for (const d of divisions) sectionOfDivision.set(d.code, code);
    return Object.freeze({ code, label, divisions: Object.freeze(divisions) as NafSection['divisions'] });
  });
  nafIndex = { labels, sections: Object.freeze(sections) as NafSection[], sectionOfDivision };
  return nafIndex;
}

const SUBCLASS_PATTERN = /^(\d{2})\.?(\d{2})([A-Z])$/;
const PREFIX_PATTERN = /^(\d{2})(?:\.?(\d)(?:(\d)([A-Z])?)?)?$/;

function compact(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Canonical `NN.NNL` form of a well-formed sub-class code, whether or not it exists. */
export function normalizeNafCode(input: string): string | undefined {
  const m = SUBCLASS_PATTERN.exec(compact(input));
  return m ? `${m[1]}.${m[2]}${m[3]}` : undefined;
}

export function findNafSubclass(code: string): NafSubclass | undefined {
  const canonical = normalizeNafCode(code);
  if (canonical === undefined) return undefined;
  const { labels, sectionOfDivision } = loadNaf();
  const label = labels.get(canonical);
  const division = canonical.slice(0, 2);
  const section = sectionOfDivision.get(division);
  if (label === undefined || section === undefined) return undefined;
  return {
    code: canonical,
    label,
    section,
    division,
    group: canonical.slice(0, 4),
    class: canonical.slice(0, 5),
  };
}

/** Division (`62`) of any division, group, class or sub-class code, if that division exists. */
export function nafDivisionOf(code: string): string | undefined {
  const m = PREFIX_PATTERN.exec(compact(code));
  return m?.[1] !== undefined && loadNaf().sectionOfDivision.has(m[1]) ? m[1] : undefined;
}

/** Section letter (`J`) of any division, group, class or sub-class code. */
export function nafSectionOf(divisionOrCode: string): string | undefined {
  const division = nafDivisionOf(divisionOrCode);
  return division === undefined ? undefined : loadNaf().sectionOfDivision.get(division);
}

export function listNafSections(): NafSection[] {
  return loadNaf().sections;
}

/** Reads a search filter at any level of the nomenclature; undefined unless the code exists. */
export function parseNafPrefix(input: string): { level: NafLevel; code: string; label: string } | undefined {
  const text = compact(input);
  const section = loadNaf().sections.find((s) => s.code === text);
  if (section) return { level: 'section', code: section.code, label: section.label };
  const m = PREFIX_PATTERN.exec(text);
  if (!m) return undefined;
  const [, division, groupDigit, classDigit, letter] = m;
  let found: { level: NafLevel; code: string };
  if (groupDigit === undefined) found = { level: 'division', code: `${division}` };
  else if (classDigit === undefined) found = { level: 'group', code: `${division}.${groupDigit}` };
  else if (letter === undefined) found = { level: 'class', code: `${division}.${groupDigit}${classDigit}` };
  else found = { level: 'subclass', code: `${division}.${groupDigit}${classDigit}${letter}` };
  const label = loadNaf().labels.get(found.code);
  return label === undefined ? undefined : { ...found, label };
}
