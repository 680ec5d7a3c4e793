import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findHeadcountBand,
  HEADCOUNT_BAND_CODES,
  HEADCOUNT_BANDS,
  headcountBandOf,
} from '../../src/reference/reference-headcount.js';

describe('headcountBandOf', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [2, '01'],
    [3, '02'],
    [5, '02'],
    [6, '03'],
    [9, '03'],
    [10, '11'],
    [19, '11'],
    [20, '12'],
    [49, '12'],
    [50, '21'],
    [99, '21'],
    [100, '22'],
    [199, '22'],
    [200, '31'],
    [249, '31'],
    [250, '32'],
    [499, '32'],
    [500, '41'],
    [999, '41'],
    [1000, '42'],
    [1999, '42'],
    [2000, '51'],
    [4999, '51'],
    [5000, '52'],
    [9999, '52'],
    [10000, '53'],
    [250000, '53'],
  ])('puts %i employees in band %s', (employees, band) => {
    expect(headcountBandOf(employees)).toBe(band);
  });

  it('puts every count inside the bounds of its band, and never in NN', () => {
    fc.assert(
      fc.property(fc.nat({ max: 50000 }), (employees) => {
        const band = findHeadcountBand(headcountBandOf(employees));
        expect(band?.code).not.toBe('NN');
        expect(employees).toBeGreaterThanOrEqual(band?.min ?? Number.NaN);
        expect(employees).toBeLessThanOrEqual(band?.max ?? Number.POSITIVE_INFINITY);
      }),
    );
  });

  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %d, which is not a count',
    (employees) => {
      expect(() => headcountBandOf(employees)).toThrow(RangeError);
    },
  );
});

describe('HEADCOUNT_BANDS', () => {
  it('lists the 16 INSEE bands with French labels', () => {
    expect(HEADCOUNT_BAND_CODES).toEqual([
      'NN',
      '00',
      '01',
      '02',
      '03',
      '11',
      '12',
      '21',
      '22',
      '31',
      '32',
      '41',
      '42',
      '51',
      '52',
      '53',
    ]);
    expect(findHeadcountBand('12')?.labelFr).toBe('20 à 49 salariés');
    expect(findHeadcountBand('99')).toBeUndefined();
  });

  it('leaves no gap and no overlap between consecutive bands', () => {
    const counted = HEADCOUNT_BANDS.filter((b) => b.min !== null);
    for (let i = 1; i < counted.length; i++) {
      expect(counted[i]?.min).toBe((counted[i - 1]?.max ?? Number.NaN) + 1);
    }
    expect(counted.at(-1)?.max).toBeNull();
  });
});
