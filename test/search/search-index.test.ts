import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DirectoryIndex, type IndexSource } from '../../src/search/search-index.js';

function profile(id: string, name: string, extra: Partial<IndexSource> = {}): IndexSource {
  return {
    id,
    name,
    tradeNames: [],
    acronym: null,
    siren: null,
    siret: null,
    family: 'scop',
    companyForm: null,
    isCae: false,
    isAmorcage: false,
    isGrouping: false,
    origin: null,
    regionCode: null,
    departmentCode: null,
    communeCode: null,
    communeName: null,
    postalCode: null,
    nafCode: null,
    sectors: [],
    activity: null,
    description: null,
    employees: null,
    headcountBand: null,
    foundedYear: null,
    foundedMonth: null,
    foundedDay: null,
    becameCooperativeYear: null,
    becameCooperativeMonth: null,
    becameCooperativeDay: null,
    latitude: null,
    longitude: null,
    updatedAt: new Date(0),
    published: true,
    archived: false,
    membershipStatus: 'active',
    advisorId: null,
    traits: {},
    ...extra,
  };
}

describe('the in-memory directory index', () => {
  it('keeps name order, ranks and word postings right through any sequence of changes', () => {
    const words = ['école', 'menuiserie', 'atelier', 'zèbre', 'abeille', 'Écopôle', 'data'];
    const change = fc.record({
      id: fc.integer({ min: 0, max: 30 }),
      a: fc.constantFrom(...words),
      b: fc.constantFrom(...words),
    });
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 60 }),
        fc.array(change, { maxLength: 20 }),
        (initial, later) => {
          const index = new DirectoryIndex();
          const names = new Map<string, string>();
          for (const c of initial) {
            names.set(`id-${c.id}`, `${c.a} ${c.b}`);
            index.upsert(profile(`id-${c.id}`, `${c.a} ${c.b}`), true);
          }
          index.finish();
          for (const c of later) {
            names.set(`id-${c.id}`, `${c.b} ${c.a}`);
            index.upsert(profile(`id-${c.id}`, `${c.b} ${c.a}`));
          }
          expect(index.byName.length).toBe(names.size);
          for (let rank = 0; rank < index.byName.length; rank++) {
            expect(index.nameRank[index.byName[rank]!]).toBe(rank);
            if (rank > 0)
              expect(index.compareNames(index.byName[rank - 1]!, index.byName[rank]!)).toBeLessThan(0);
          }
          // Every posting points at a row that still has the word, and every row is in its words' postings.
          for (const [term, postings] of index.terms) {
            expect(new Set(postings).size).toBe(postings.length);
            for (const entry of postings)
              expect(index.nameNorm[entry >> 2]!.split(' ').some((w) => w.startsWith(term.slice(0, 3)))).toBe(
                true,
              );
          }
          for (const [id, name] of names) {
            const row = index.rowOf.get(id)!;
            expect(index.nameNorm[row]).toBe(
              name
                .normalize('NFD')
                .replace(/[\u0300-\u036f]/g, '')
                .toLowerCase(),
            );
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
