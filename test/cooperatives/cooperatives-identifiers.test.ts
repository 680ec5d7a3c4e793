import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CommuneCodeSchema,
  isValidRna,
  isValidSiren,
  isValidSiret,
  luhnCheckDigit,
  NafCodeSchema,
  normalizeDigits,
  RnaSchema,
  SirenSchema,
  SiretSchema,
  siretBelongsToSiren,
} from '../../src/cooperatives/cooperatives-identifiers.js';

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const separator = fc.constantFrom('', ' ', '.', '-', '\u00a0', '\u202f', '  ');

function messagesOf(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('normalizeDigits', () => {
  it('removes spaces, dots, hyphens and non-breaking spaces', () => {
    expect(normalizeDigits('123 456 789 00012')).toBe('12345678900012');
    expect(normalizeDigits('123.456.789')).toBe('123456789');
    expect(normalizeDigits('123\u00a0456\u202f789-00012')).toBe('12345678900012');
  });

  it('gives back the digits however they were separated', () => {
    fc.assert(
      fc.property(digits(14), fc.array(separator, { minLength: 14, maxLength: 14 }), (value, separators) => {
        const typed = [...value].map((d, i) => `${separators[i]}${d}`).join('');
        expect(normalizeDigits(typed)).toBe(value);
      }),
    );
  });
});

describe('SIREN', () => {
  it('accepts real SIRENs', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('356000000')).toBe(true);
  });

  it('accepts any 8 digits followed by their Luhn digit, and rejects any single changed digit', () => {
    fc.assert(
      fc.property(
        digits(8),
        fc.nat({ max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (payload, position, shift) => {
          const siren = payload + luhnCheckDigit(payload);
          expect(isValidSiren(siren)).toBe(true);
          const changed = (Number(siren[position]) + shift) % 10;
          const typo = siren.slice(0, position) + changed + siren.slice(position + 1);
          expect(isValidSiren(typo)).toBe(false);
        },
      ),
    );
  });

  it('normalises what users type into the stored SIREN', () => {
    fc.assert(
      fc.property(digits(8), fc.array(separator, { minLength: 9, maxLength: 9 }), (payload, separators) => {
        const siren = payload + luhnCheckDigit(payload);
        const typed = [...siren].map((d, i) => `${separators[i]}${d}`).join('');
        expect(SirenSchema.parse(typed)).toBe(siren);
      }),
    );
  });

  it('says why a SIREN is rejected, once', () => {
    expect(messagesOf(SirenSchema, '12345678')).toEqual(['SIREN must be 9 digits']);
    expect(messagesOf(SirenSchema, '73282932A')).toEqual(['SIREN must be 9 digits']);
    expect(messagesOf(SirenSchema, '732 829 321')).toEqual(['SIREN checksum (Luhn) is invalid']);
  });

  it('lets a stored SIREN through the response encoder', () => {
    expect(z.encode(SirenSchema, '732829320')).toBe('732829320');
    expect(() => z.encode(SirenSchema, '732829321')).toThrow();
  });
});

describe('SIRET', () => {
  it('accepts a SIRET whose Luhn checksum is right', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(SiretSchema.parse('732 829 320 00074')).toBe('73282932000074');
  });

  it('rejects a SIRET whose checksum is wrong', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(messagesOf(SiretSchema, '732 829 320 00075')).toEqual(['SIRET checksum (Luhn) is invalid']);
  });

  it('rejects a SIRET of the wrong length', () => {
    expect(messagesOf(SiretSchema, '7328293200007')).toEqual(['SIRET must be 14 digits']);
  });

  it('accepts La Poste SIRETs whose digits sum to a multiple of 5', () => {
    expect(isValidSiret('35600000009075')).toBe(true);
    expect(isValidSiret('35600000009093')).toBe(true);
    expect(isValidSiret('35600000000048')).toBe(true);
    expect(isValidSiret('35600000009090')).toBe(false);
  });

  it('keeps the multiple-of-5 exception to La Poste', () => {
    expect(isValidSiret('50000000000000')).toBe(false);
  });

  it('accepts any 13 digits followed by their Luhn digit', () => {
    fc.assert(
      fc.property(digits(13), (payload) => {
        expect(isValidSiret(payload + luhnCheckDigit(payload))).toBe(true);
      }),
    );
  });

  it('tells whether a SIRET starts with a SIREN', () => {
    expect(siretBelongsToSiren('732 829 320 00074', '732829320')).toBe(true);
    expect(siretBelongsToSiren('73282932000074', '552100554')).toBe(false);
    expect(siretBelongsToSiren('73282932000074', '7328')).toBe(false);
  });
});

describe('RNA', () => {
  it.each(['W751234567', 'w751234567', ' W9M1234567 ', 'W75 123 4567', '0751001234'])('accepts %j', (rna) => {
    expect(isValidRna(rna)).toBe(true);
  });

  it.each(['W75123456', 'W7512345678', 'WA51234567', 'X751234567', '0751011234', ''])('rejects %j', (rna) => {
    expect(isValidRna(rna)).toBe(false);
  });

  it('stores the upper-case form', () => {
    expect(RnaSchema.parse(' w751234567')).toBe('W751234567');
    expect(messagesOf(RnaSchema, 'W12')).toEqual([
      'RNA number must be W and 9 characters, or the old 10-digit form',
    ]);
  });
});

describe('NafCodeSchema', () => {
  it('accepts 6201Z and stores 62.01Z', () => {
    expect(NafCodeSchema.parse('6201Z')).toBe('62.01Z');
    expect(NafCodeSchema.parse(' 62.01z ')).toBe('62.01Z');
  });

  it('rejects a well-formed code absent from the nomenclature', () => {
    expect(messagesOf(NafCodeSchema, '62.01A')).toEqual(['unknown NAF code']);
  });

  it('rejects a malformed code', () => {
    expect(messagesOf(NafCodeSchema, '62')).toEqual(['NAF code must look like 62.01Z']);
    expect(messagesOf(NafCodeSchema, 6201)).toHaveLength(1);
  });
});

describe('CommuneCodeSchema', () => {
  it('accepts a commune code in any case', () => {
    expect(CommuneCodeSchema.parse(' 2a004')).toBe('2A004');
    expect(CommuneCodeSchema.parse('75108')).toBe('75108');
  });

  it('rejects a postal code that is not also a commune code', () => {
    expect(messagesOf(CommuneCodeSchema, '37000')).toEqual(['unknown commune code']);
  });

  it('rejects a malformed code', () => {
    expect(messagesOf(CommuneCodeSchema, '372')).toEqual(['commune code must be 5 characters (INSEE code)']);
  });
});

describe('JSON Schema', () => {
  it('documents the typed input as a string and the stored value with its pattern', () => {
    expect(z.toJSONSchema(SirenSchema, { io: 'input' })).toMatchObject({ type: 'string' });
    expect(z.toJSONSchema(SirenSchema, { io: 'output' })).toMatchObject({
      type: 'string',
      pattern: '^\\d{9}$',
    });
  });
});
