// The union's own sector families, grouped like the Scop confederation's figures, and a NAF-based default.
import { nafDivisionOf } from './reference-naf.js';

export const SECTORS = [
  { key: 'services_consulting', labelFr: 'Services et conseil', labelEn: 'Services and consulting' },
  { key: 'construction', labelFr: 'BTP', labelEn: 'Building and public works' },
  { key: 'industry', labelFr: 'Industrie', labelEn: 'Industry' },
  { key: 'trade', labelFr: 'Commerce', labelEn: 'Trade' },
  {
    key: 'education_culture',
    labelFr: 'Éducation, formation, culture',
    labelEn: 'Education, training, culture',
  },
  { key: 'health_social', labelFr: 'Santé, social, action sociale', labelEn: 'Health and social work' },
  { key: 'transport_logistics', labelFr: 'Transport et logistique', labelEn: 'Transport and logistics' },
  { key: 'agriculture_food', labelFr: 'Agriculture et alimentation', labelEn: 'Agriculture and food' },
  {
    key: 'information_communication',
    labelFr: 'Communication, numérique',
    labelEn: 'Communication, digital',
  },
  { key: 'hospitality', labelFr: 'Hôtellerie, restauration, tourisme', labelEn: 'Hospitality and tourism' },
  { key: 'environment_energy', labelFr: 'Environnement, énergie', labelEn: 'Environment and energy' },
] as const;

export type SectorKey = (typeof SECTORS)[number]['key'];
export const SECTOR_KEYS = SECTORS.map((s) => s.key) as [SectorKey, ...SectorKey[]];

export function findSector(key: string): (typeof SECTORS)[number] | undefined {
  return SECTORS.find((s) => s.key === key);
}

// Inclusive NAF division ranges; divisions not listed fall to services_consulting.
const DIVISION_RANGES: readonly (readonly [first: number, last: number, sector: SectorKey])[] = [
  [1, 3, 'agriculture_food'],
  [5, 9, 'industry'],
  [10, 11, 'agriculture_food'],
  [12, 33, 'industry'],
  [35, 39, 'environment_energy'],
  [41, 43, 'construction'],
  [45, 47, 'trade'],
  [49, 53, 'transport_logistics'],
  [55, 56, 'hospitality'],
  [58, 63, 'information_communication'],
  [73, 73, 'information_communication'],
  [79, 79, 'hospitality'],
  [85, 85, 'education_culture'],
  [86, 88, 'health_social'],
  [90, 91, 'education_culture'],
  [93, 93, 'education_culture'],
];

/** A suggestion only (demo data, imports): the union decides a member's sectors. */
export function defaultSectorForNaf(nafCode: string): SectorKey | undefined {
  const division = nafDivisionOf(nafCode);
  if (division === undefined) return undefined;
  const n = Number(division);
  return DIVISION_RANGES.find(([first, last]) => n >= first && n <= last)?.[2] ?? 'services_consulting';
}
