// Facet counts with their labels, in the order a filter list shows them (most frequent first).
import type { PrismaClient } from '../generated/prisma/client.js';
import { findDepartment, findRegion } from '../reference/reference-geography.js';
import { findHeadcountBand } from '../reference/reference-headcount.js';
import {
  COMPANY_FORM_LABELS,
  FAMILY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  ORIGIN_LABELS,
  STATUS_FLAG_LABELS,
} from '../reference/reference-legal-forms.js';
import { listNafSections } from '../reference/reference-naf.js';
import { findSector } from '../reference/reference-sectors.js';
import type { DirectoryIndex } from './search-index.js';
import type { FacetName } from './search-params.js';
import { facetSource } from './search-query.js';

export type FacetCount = { value: string; label: string; count: number };
type Labels = { traits: Map<string, string>; advisors: Map<string, string> };

const LABEL_TTL_MS = 10_000;

/** Trait and advisor labels come from the database; they change rarely, so they are kept briefly. */
export function createFacetLabels(prisma: PrismaClient) {
  let cached: { at: number; labels: Promise<Labels> } | undefined;
  return function labels(): Promise<Labels> {
    if (!cached || Date.now() - cached.at > LABEL_TTL_MS) {
      const labels = Promise.all([
        prisma.trait.findMany({ select: { key: true, labelFr: true } }),
        prisma.advisor.findMany({ select: { id: true, name: true } }),
      ]).then(([traits, advisors]) => ({
        traits: new Map(traits.map((t) => [t.key, t.labelFr])),
        advisors: new Map(advisors.map((a) => [a.id, a.name])),
      }));
      labels.catch(() => {
        cached = undefined;
      });
      cached = { at: Date.now(), labels };
    }
    return cached.labels;
  };
}

let sectionLabels: Map<string, string> | undefined;

function labelOf(facet: FacetName, value: string, labels: Labels): string {
  switch (facet) {
    case 'legalForm':
      return FAMILY_LABELS[value as keyof typeof FAMILY_LABELS]?.labelFr ?? value;
    case 'companyType':
      return COMPANY_FORM_LABELS[value as keyof typeof COMPANY_FORM_LABELS]?.labelFr ?? value;
    case 'status':
      return STATUS_FLAG_LABELS[value as keyof typeof STATUS_FLAG_LABELS]?.labelFr ?? value;
    case 'origin':
      return ORIGIN_LABELS[value as keyof typeof ORIGIN_LABELS]?.labelFr ?? value;
    case 'memberStatus':
      return MEMBERSHIP_STATUS_LABELS[value as keyof typeof MEMBERSHIP_STATUS_LABELS]?.labelFr ?? value;
    case 'region':
      return findRegion(value)?.name ?? value;
    case 'department':
      return findDepartment(value)?.name ?? value;
    case 'sector':
      return findSector(value)?.labelFr ?? value;
    case 'headcountBand':
      return findHeadcountBand(value)?.labelFr ?? value;
    case 'trait':
      return labels.traits.get(value) ?? value;
    case 'advisor':
      return labels.advisors.get(value) ?? value;
    case 'published':
      return value === 'true' ? 'Publié' : 'Non publié';
    case 'naf':
      sectionLabels ??= new Map(listNafSections().map((s) => [s.code, s.label]));
      return sectionLabels.get(value) ?? value;
  }
}

/** Dictionary codes of the index back to their values. */
function keyToValue(index: DirectoryIndex, facet: FacetName, key: number | string): string | null {
  if (typeof key === 'string') return key;
  return facetSource(index, facet)?.dictionary.values[key] ?? null;
}

export function labelFacets(
  index: DirectoryIndex,
  facets: Partial<Record<FacetName, Map<number | string, number>>>,
  labels: Labels,
): Partial<Record<FacetName, FacetCount[]>> {
  const result: Partial<Record<FacetName, FacetCount[]>> = {};
  for (const [facet, counts] of Object.entries(facets) as [FacetName, Map<number | string, number>][]) {
    const list: FacetCount[] = [];
    for (const [key, count] of counts) {
      const value = keyToValue(index, facet, key);
      if (value !== null) list.push({ value, label: labelOf(facet, value, labels), count });
    }
    result[facet] = list.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  }
  return result;
}
