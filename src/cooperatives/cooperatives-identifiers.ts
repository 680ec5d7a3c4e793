// Official identifiers (SIREN, SIRET, RNA, NAF code, commune code): checks and zod schemas.
//
// The schemas are codecs: decoding accepts what people type ("123 456 789", "6201z") and yields the
// stored form; encoding (fastify-type-provider-zod's response serializer) passes a stored value
// through after validating it, where a plain transform would throw.
import { z } from 'zod';
import { findCommune } from '../reference/reference-geography.js';
import { findNafSubclass, normalizeNafCode } from '../reference/reference-naf.js';

const LA_POSTE_SIREN = '356000000';

/** Removes the separators people type inside numbers: spaces of all widths, dots and hyphens. */
export function normalizeDigits(input: string): string {
  return input.replace(/[\s.\u00a0\u202f\u2009\-\u2010-\u2013]/g, '');
}

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum;
}

export function isLuhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits) % 10 === 0;
}

/** The digit that makes `payload` followed by it pass the Luhn check (to build test and demo SIRENs). */
export function luhnCheckDigit(payload: string): string {
  return String((10 - (luhnSum(`${payload}0`) % 10)) % 10);
}

/** Expects the normalised form: 9 digits, Luhn. */
export function isValidSiren(s: string): boolean {
  return /^\d{9}$/.test(s) && isLuhnValid(s);
}

function digitSum(digits: string): number {
  return [...digits].reduce((sum, d) => sum + Number(d), 0);
}

/** Expects the normalised form: 14 digits, Luhn, except La Poste establishments (digit sum multiple of 5). */
export function isValidSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s)) return false;
  return isLuhnValid(s) || (s.startsWith(LA_POSTE_SIREN) && digitSum(s) % 5 === 0);
}

function normalizeRna(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isValidRna(s: string): boolean {
  const rna = normalizeRna(s);
  return /^W\d[A-Z0-9]\d{7}$/.test(rna) || /^0\d{3}0{2}\d{4}$/.test(rna);
}

export function siretBelongsToSiren(siret: string, siren: string): boolean {
  const normalizedSiren = normalizeDigits(siren);
  return /^\d{9}$/.test(normalizedSiren) && normalizeDigits(siret).startsWith(normalizedSiren);
}

function identifierCodec(
  normalize: (input: string) => string,
  stored: z.ZodType<string, string>,
  description: string,
) {
  return z.codec(z.string(), stored, { decode: normalize, encode: (value) => value }).describe(description);
}

export const SirenSchema = identifierCodec(
  normalizeDigits,
  z
    .string()
    .regex(/^\d{9}$/, { message: 'SIREN must be 9 digits', abort: true })
    .refine(isLuhnValid, 'SIREN checksum (Luhn) is invalid'),
  'SIREN (9 digits); spaces and dots are removed',
);

export const SiretSchema = identifierCodec(
  normalizeDigits,
  z
    .string()
    .regex(/^\d{14}$/, { message: 'SIRET must be 14 digits', abort: true })
    .refine(isValidSiret, 'SIRET checksum (Luhn) is invalid'),
  'SIRET (14 digits: SIREN then NIC); spaces and dots are removed',
);

export const RnaSchema = identifierCodec(
  normalizeRna,
  z
    .string()
    .regex(
      /^(W\d[A-Z0-9]\d{7}|0\d{3}0{2}\d{4})$/,
      'RNA number must be W and 9 characters, or the old 10-digit form',
    ),
  'RNA association number (W751234567); case and spaces are normalised',
);

export const NafCodeSchema = identifierCodec(
  (input) => normalizeNafCode(input) ?? input,
  z
    .string()
    .regex(/^\d{2}\.\d{2}[A-Z]$/, { message: 'NAF code must look like 62.01Z', abort: true })
    .refine((code) => findNafSubclass(code) !== undefined, 'unknown NAF code'),
  'NAF rév. 2 sub-class (62.01Z); 6201Z is accepted',
);

export const CommuneCodeSchema = identifierCodec(
  (input) => input.trim().toUpperCase(),
  z
    .string()
    .regex(/^(\d{5}|2[AB]\d{3})$/, { message: 'commune code must be 5 characters (INSEE code)', abort: true })
    .refine((code) => findCommune(code) !== undefined, 'unknown commune code'),
  'INSEE commune code (37261, 2A004, 75108), not a postal code',
);
