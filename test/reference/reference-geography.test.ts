import { describe, expect, it } from 'vitest';
import {
  findCommune,
  findDepartment,
  findRegion,
  findSuccessorCommune,
  isPostalCodeOfCommune,
  listDepartments,
  listRegions,
} from '../../src/reference/reference-geography.js';

describe('findCommune', () => {
  it('derives Indre-et-Loire and Centre-Val de Loire from Tours 37261', () => {
    expect(findCommune('37261')).toEqual({
      code: '37261',
      name: 'Tours',
      departmentCode: '37',
      regionCode: '24',
      postalCodes: ['37000', '37100', '37200'],
    });
  });

  it('derives Corse-du-Sud and région Corse from Ajaccio 2A004', () => {
    expect(findCommune('2A004')).toMatchObject({ name: 'Ajaccio', departmentCode: '2A', regionCode: '94' });
    expect(findDepartment('2A')?.name).toBe('Corse-du-Sud');
  });

  it('derives Haute-Corse and région Corse from Bastia 2B033', () => {
    expect(findCommune('2B033')).toMatchObject({ name: 'Bastia', departmentCode: '2B', regionCode: '94' });
  });

  it('accepts a lower-case Corsican code', () => {
    expect(findCommune(' 2a004 ')?.name).toBe('Ajaccio');
  });

  it('derives La Réunion from Saint-Denis 97411', () => {
    expect(findCommune('97411')).toMatchObject({
      name: 'Saint-Denis',
      departmentCode: '974',
      regionCode: '04',
    });
  });

  it('derives Mayotte from Mamoudzou 97611', () => {
    expect(findCommune('97611')).toMatchObject({
      name: 'Mamoudzou',
      departmentCode: '976',
      regionCode: '06',
    });
  });

  it('derives Guadeloupe from Basse-Terre 97105', () => {
    expect(findCommune('97105')).toMatchObject({
      name: 'Basse-Terre',
      departmentCode: '971',
      regionCode: '01',
    });
  });

  it('finds Paris 75056 with the postal codes of all its arrondissements', () => {
    const paris = findCommune('75056');
    expect(paris).toMatchObject({ name: 'Paris', departmentCode: '75', regionCode: '11' });
    expect(paris?.postalCodes).toHaveLength(21);
  });

  it('accepts the arrondissement municipal 75108 that SIRENE uses for Paris establishments', () => {
    expect(findCommune('75108')).toEqual({
      code: '75108',
      name: 'Paris 8e Arrondissement',
      departmentCode: '75',
      regionCode: '11',
      postalCodes: ['75008'],
    });
    expect(findCommune('69381')).toMatchObject({ departmentCode: '69', regionCode: '84' });
    expect(findCommune('13201')).toMatchObject({ departmentCode: '13', regionCode: '93' });
  });

  it('returns undefined for an unknown code or a postal code', () => {
    expect(findCommune('99999')).toBeUndefined();
    expect(findCommune('37000')).toBeUndefined();
    expect(findCommune('')).toBeUndefined();
  });

  it('rejects the code of a former commune associée', () => {
    expect(findCommune('02285')).toBeUndefined();
  });

  it('gives an overseas collectivité commune no région', () => {
    expect(findCommune('97801')).toMatchObject({
      name: 'Saint-Martin',
      departmentCode: '978',
      regionCode: null,
    });
  });

  it('hands out frozen objects so callers cannot corrupt the shared index', () => {
    const tours = findCommune('37261');
    expect(Object.isFrozen(tours)).toBe(true);
    expect(Object.isFrozen(tours?.postalCodes)).toBe(true);
  });
});

describe('findSuccessorCommune', () => {
  it('maps a former commune associée to the current commune that absorbed it', () => {
    expect(findSuccessorCommune('02285')).toMatchObject({ code: '59545', name: 'Saint-Souplet' });
  });

  it('maps an old code to the commune that carries it now', () => {
    expect(findSuccessorCommune('37235')?.code).toBe('37261');
  });

  it('returns a current commune as itself', () => {
    expect(findSuccessorCommune('37261')?.code).toBe('37261');
    expect(findSuccessorCommune('99999')).toBeUndefined();
  });
});

describe('isPostalCodeOfCommune', () => {
  it('tells whether a postal code serves a commune', () => {
    expect(isPostalCodeOfCommune('37100', '37261')).toBe(true);
    expect(isPostalCodeOfCommune('37100', '2A004')).toBe(false);
    expect(isPostalCodeOfCommune('75116', '75116')).toBe(true);
    expect(isPostalCodeOfCommune('75008', '75056')).toBe(true);
  });

  it('is false for an unknown commune', () => {
    expect(isPostalCodeOfCommune('37000', '99999')).toBe(false);
  });
});

describe('régions and départements', () => {
  it('lists the 18 régions sorted by code', () => {
    const codes = listRegions().map((r) => r.code);
    expect(codes).toEqual([
      '01',
      '02',
      '03',
      '04',
      '06',
      '11',
      '24',
      '27',
      '28',
      '32',
      '44',
      '52',
      '53',
      '75',
      '76',
      '84',
      '93',
      '94',
    ]);
  });

  it('lists the 101 départements, each in exactly one région', () => {
    const departments = listDepartments();
    expect(departments).toHaveLength(101);
    const inRegions = listRegions().flatMap((r) => r.departments.map((d) => d.code));
    expect(inRegions.sort()).toEqual(departments.map((d) => d.code).sort());
  });

  it('puts Corsica and Mayotte in their régions', () => {
    expect(findRegion('94')?.departments.map((d) => d.code)).toEqual(['2A', '2B']);
    expect(findRegion('06')).toEqual({
      code: '06',
      name: 'Mayotte',
      departments: [{ code: '976', name: 'Mayotte' }],
    });
  });

  it('lists the départements of Centre-Val de Loire in code order', () => {
    expect(findRegion('24')?.departments.map((d) => d.code)).toEqual(['18', '28', '36', '37', '41', '45']);
  });

  it('finds a département with its région', () => {
    expect(findDepartment('37')).toEqual({ code: '37', name: 'Indre-et-Loire', regionCode: '24' });
    expect(findDepartment('974')).toEqual({ code: '974', name: 'La Réunion', regionCode: '04' });
  });

  it('resolves overseas collectivités as départements without région, but lists them nowhere', () => {
    expect(findDepartment('978')).toEqual({ code: '978', name: 'Saint-Martin', regionCode: null });
    expect(findRegion('978')).toBeUndefined();
    expect(listDepartments().some((d) => d.code === '978')).toBe(false);
  });

  it('returns undefined for unknown codes', () => {
    expect(findDepartment('20')).toBeUndefined();
    expect(findRegion('05')).toBeUndefined();
  });
});
