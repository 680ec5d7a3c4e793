import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_NAF_VERSION,
  findNafSubclass,
  listNafSections,
  NAF_VERSIONS,
  nafDivisionOf,
  nafSectionOf,
  normalizeNafCode,
  parseNafPrefix,
} from '../../src/reference/reference-naf.js';

const nomenclature = createRequire(import.meta.url)('@socialgouv/codes-naf/index.json') as { id: string }[];
const subclassCodes = nomenclature.map((r) => r.id).filter((id) => id.length === 6);

describe('normalizeNafCode', () => {
  it.each(['6201Z', '62.01Z', '62.01z', ' 62 01 Z ', '6201z'])('reads %j as 62.01Z', (input) => {
    expect(normalizeNafCode(input)).toBe('62.01Z');
  });

  it.each(['', '620Z', '6201', '62.01ZZ', '62-01Z', 'Z6201', '62.0.1Z'])('rejects malformed %j', (input) => {
    expect(normalizeNafCode(input)).toBeUndefined();
  });

  it('round-trips every sub-class of the nomenclature, however it is typed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...subclassCodes),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('', ' ', '  '),
        (code, dropDot, lowerCase, padding) => {
          let typed = dropDot ? code.replace('.', '') : code;
          typed = lowerCase ? typed.toLowerCase() : typed;
          expect(normalizeNafCode(`${padding}${typed}${padding}`)).toBe(code);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('findNafSubclass', () => {
  it('describes a sub-class at every level of the nomenclature', () => {
    expect(findNafSubclass('6201Z')).toEqual({
      code: '62.01Z',
      label: 'Programmation informatique',
      section: 'J',
      division: '62',
      group: '62.0',
      class: '62.01',
    });
  });

  it('finds all 732 sub-classes', () => {
    expect(subclassCodes).toHaveLength(732);
    expect(subclassCodes.filter((code) => findNafSubclass(code)?.code === code)).toHaveLength(732);
  });

  it('rejects a well-formed code that is not in the nomenclature', () => {
    expect(findNafSubclass('62.01A')).toBeUndefined();
    expect(findNafSubclass('04.11Z')).toBeUndefined();
  });

  it('rejects codes of other levels', () => {
    expect(findNafSubclass('62.01')).toBeUndefined();
    expect(findNafSubclass('62')).toBeUndefined();
  });
});

describe('sections', () => {
  it('lists the 21 sections A to U with their 88 divisions', () => {
    const sections = listNafSections();
    expect(sections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
    expect(sections.flatMap((s) => s.divisions)).toHaveLength(88);
    expect(sections.find((s) => s.code === 'F')?.divisions.map((d) => d.code)).toEqual(['41', '42', '43']);
  });

  it('gives the section of a division or of any code', () => {
    expect(nafSectionOf('43')).toBe('F');
    expect(nafSectionOf('62.01Z')).toBe('J');
    expect(nafSectionOf('6201Z')).toBe('J');
    expect(nafSectionOf('01')).toBe('A');
    expect(nafSectionOf('99')).toBe('U');
  });

  it('has no section for a division that does not exist', () => {
    expect(nafSectionOf('04')).toBeUndefined();
    expect(nafSectionOf('40')).toBeUndefined();
    expect(nafSectionOf('nonsense')).toBeUndefined();
  });

  it('gives the division of any code', () => {
    expect(nafDivisionOf('43.32A')).toBe('43');
    expect(nafDivisionOf('433')).toBe('43');
    expect(nafDivisionOf('20')).toBe('20');
    expect(nafDivisionOf('34')).toBeUndefined();
  });
});

describe('parseNafPrefix', () => {
  it.each([
    ['F', 'section', 'F'],
    ['f', 'section', 'F'],
    ['43', 'division', '43'],
    ['43.3', 'group', '43.3'],
    ['433', 'group', '43.3'],
    ['43.32', 'class', '43.32'],
    ['4332', 'class', '43.32'],
    ['4332a', 'subclass', '43.32A'],
    [' 43.32A ', 'subclass', '43.32A'],
  ])('reads %j as a %s filter on %s', (input, level, code) => {
    expect(parseNafPrefix(input)).toMatchObject({ level, code });
  });

  it('labels what it found', () => {
    expect(parseNafPrefix('F')?.label).toBe('Construction');
    expect(parseNafPrefix('62.01Z')?.label).toBe('Programmation informatique');
  });

  it.each(['V', '04', '43.4', '43.32Z', '4', '43.32AB', '', 'FF'])(
    'rejects %j, absent from the nomenclature',
    (input) => {
      expect(parseNafPrefix(input)).toBeUndefined();
    },
  );
});

describe('versions', () => {
  it('stores rév. 2 codes until NAF 2025 takes over', () => {
    expect(NAF_VERSIONS).toEqual(['rev2', 'naf2025']);
    expect(CURRENT_NAF_VERSION).toBe('rev2');
  });
});
