// INSEE headcount bands (tranches d'effectif salarié) and the band of an exact employee count.

export type HeadcountBand = { code: string; labelFr: string; min: number | null; max: number | null };

// 'NN' (unit without employees) is only observed in the register, never derived from a count.
export const HEADCOUNT_BANDS: readonly HeadcountBand[] = [
  { code: 'NN', labelFr: 'Unité non employeuse', min: null, max: null },
  { code: '00', labelFr: '0 salarié au 31 décembre', min: 0, max: 0 },
  { code: '01', labelFr: '1 ou 2 salariés', min: 1, max: 2 },
  { code: '02', labelFr: '3 à 5 salariés', min: 3, max: 5 },
  { code: '03', labelFr: '6 à 9 salariés', min: 6, max: 9 },
  { code: '11', labelFr: '10 à 19 salariés', min: 10, max: 19 },
  { code: '12', labelFr: '20 à 49 salariés', min: 20, max: 49 },
  { code: '21', labelFr: '50 à 99 salariés', min: 50, max: 99 },
  { code: '22', labelFr: '100 à 199 salariés', min: 100, max: 199 },
  { code: '31', labelFr: '200 à 249 salariés', min: 200, max: 249 },
  { code: '32', labelFr: '250 à 499 salariés', min: 250, max: 499 },
  { code: '41', labelFr: '500 à 999 salariés', min: 500, max: 999 },
  { code: '42', labelFr: '1 000 à 1 999 salariés', min: 1000, max: 1999 },
  { code: '51', labelFr: '2 000 à 4 999 salariés', min: 2000, max: 4999 },
  { code: '52', labelFr: '5 000 à 9 999 salariés', min: 5000, max: 9999 },
  { code: '53', labelFr: '10 000 salariés et plus', min: 10000, max: null },
].map((band) => Object.freeze(band));

export const HEADCOUNT_BAND_CODES = HEADCOUNT_BANDS.map((b) => b.code);

export function findHeadcountBand(code: string): HeadcountBand | undefined {
  return HEADCOUNT_BANDS.find((b) => b.code === code);
}

/** Band of an exact employee count; the SQL trigger computes the same and a test compares them. */
export function headcountBandOf(employees: number): string {
  if (!Number.isInteger(employees) || employees < 0) {
    throw new RangeError(`employee count must be a non-negative integer, got ${employees}`);
  }
  for (const band of HEADCOUNT_BANDS) {
    if (band.min !== null && employees >= band.min && (band.max === null || employees <= band.max)) {
      return band.code;
    }
  }
  throw new RangeError(`no headcount band for ${employees}`);
}
