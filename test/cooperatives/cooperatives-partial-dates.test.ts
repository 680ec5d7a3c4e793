import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  comparePartialDates,
  formatPartialDate,
  isPartialDateInFuture,
  type PartialDate,
  PartialDateSchema,
  parsePartialDate,
} from '../../src/cooperatives/cooperatives-partial-dates.js';

const partialDate: fc.Arbitrary<PartialDate> = fc
  .tuple(
    fc.date({
      min: new Date('1800-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom(0, 1, 2),
  )
  .map(([date, precision]) => ({
    year: date.getUTCFullYear(),
    ...(precision >= 1 ? { month: date.getUTCMonth() + 1 } : {}),
    ...(precision === 2 ? { day: date.getUTCDate() } : {}),
  }));

function messagesOf(input: unknown): string[] {
  const result = PartialDateSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('parsePartialDate', () => {
  it('reads a year, a month or a day', () => {
    expect(parsePartialDate('2015')).toEqual({ year: 2015 });
    expect(parsePartialDate('2015-04')).toEqual({ year: 2015, month: 4 });
    expect(parsePartialDate(' 2015-04-12 ')).toEqual({ year: 2015, month: 4, day: 12 });
  });

  it('accepts 29 February only in leap years', () => {
    expect(parsePartialDate('2016-02-29')).toEqual({ year: 2016, month: 2, day: 29 });
    expect(parsePartialDate('2015-02-29')).toBeUndefined();
    expect(parsePartialDate('1900-02-29')).toBeUndefined();
  });

  it.each(['2015-02-30', '2015-04-31', '2015-13', '2015-00', '2015-04-00', '1799', '1799-12-31'])(
    'rejects the impossible date %j',
    (text) => {
      expect(parsePartialDate(text)).toBeUndefined();
    },
  );

  it.each(['04', '-04', '04-2015', '2015-4', '15', 'April 2015', '2015/04', '2015-04-12T00:00', ''])(
    'rejects %j, which is not YYYY, YYYY-MM or YYYY-MM-DD',
    (text) => {
      expect(parsePartialDate(text)).toBeUndefined();
    },
  );

  it('round-trips every valid partial date through formatPartialDate', () => {
    fc.assert(
      fc.property(partialDate, (pd) => {
        expect(parsePartialDate(formatPartialDate(pd))).toEqual(pd);
      }),
    );
  });
});

describe('formatPartialDate', () => {
  it('writes only the known parts', () => {
    expect(formatPartialDate({ year: 2015 })).toBe('2015');
    expect(formatPartialDate({ year: 2015, month: 4 })).toBe('2015-04');
    expect(formatPartialDate({ year: 2015, month: 4, day: 2 })).toBe('2015-04-02');
  });
});

describe('comparePartialDates', () => {
  it('sorts by earliest possible day, less precise dates first on ties', () => {
    const texts = ['2016', '2015-02', '2015-01-02', '2015-01-01', '2015-01', '2015'];
    const sorted = texts.map((t) => parsePartialDate(t)!).sort(comparePartialDates);
    expect(sorted.map(formatPartialDate)).toEqual([
      '2015',
      '2015-01',
      '2015-01-01',
      '2015-01-02',
      '2015-02',
      '2016',
    ]);
  });

  it('agrees with the order of the formatted strings', () => {
    fc.assert(
      fc.property(partialDate, partialDate, (a, b) => {
        const [fa, fb] = [formatPartialDate(a), formatPartialDate(b)];
        expect(Math.sign(comparePartialDates(a, b))).toBe(fa < fb ? -1 : fa > fb ? 1 : 0);
        expect(Math.sign(comparePartialDates(a, b)) + Math.sign(comparePartialDates(b, a))).toBe(0);
      }),
    );
  });
});

describe('isPartialDateInFuture', () => {
  const today = new Date(2025, 3, 15, 12, 0);

  it('is false while the earliest possible day is today or before', () => {
    expect(isPartialDateInFuture({ year: 2025 }, today)).toBe(false);
    expect(isPartialDateInFuture({ year: 2025, month: 4 }, today)).toBe(false);
    expect(isPartialDateInFuture({ year: 2025, month: 4, day: 15 }, today)).toBe(false);
    expect(isPartialDateInFuture({ year: 1999 }, today)).toBe(false);
  });

  it('is true once even the earliest possible day is after today', () => {
    expect(isPartialDateInFuture({ year: 2025, month: 4, day: 16 }, today)).toBe(true);
    expect(isPartialDateInFuture({ year: 2025, month: 5 }, today)).toBe(true);
    expect(isPartialDateInFuture({ year: 2026 }, today)).toBe(true);
  });
});

describe('PartialDateSchema', () => {
  it('turns the typed string into a partial date and back', () => {
    expect(PartialDateSchema.parse('2015-04')).toEqual({ year: 2015, month: 4 });
    expect(z.encode(PartialDateSchema, { year: 2015, month: 4 })).toBe('2015-04');
  });

  it('says why a date is rejected', () => {
    expect(messagesOf('April 2015')).toEqual(['date must be YYYY, YYYY-MM or YYYY-MM-DD']);
    expect(messagesOf('2015-02-30')).toEqual(['this day does not exist in that month']);
    expect(messagesOf('2015-13')).toEqual(['month must be 1 to 12']);
    expect(messagesOf('1799')).toEqual(['year must be 1800 or later']);
  });

  it('shows in JSON Schema as a string with a pattern', () => {
    expect(z.toJSONSchema(PartialDateSchema, { io: 'input' })).toMatchObject({
      type: 'string',
      pattern: '^(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?$',
    });
  });
});
