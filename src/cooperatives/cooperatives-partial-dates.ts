// Partial dates ("2015", "2015-04", "2015-04-12"): parsing, formatting, ordering and the zod codec.
import { z } from 'zod';

export const MIN_PARTIAL_DATE_YEAR = 1800;
const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const PartialDateValueSchema = z
  .object({
    year: z
      .number()
      .int()
      .min(MIN_PARTIAL_DATE_YEAR, `year must be ${MIN_PARTIAL_DATE_YEAR} or later`)
      .max(9999),
    month: z.number().int().min(1, 'month must be 1 to 12').max(12, 'month must be 1 to 12').optional(),
    day: z.number().int().min(1, 'day must be 1 to 31').max(31, 'day must be 1 to 31').optional(),
  })
  .superRefine((pd, ctx) => {
    if (pd.day === undefined) return;
    if (pd.month === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a day needs a month', path: ['day'] });
    } else if (pd.day > daysInMonth(pd.year, pd.month)) {
      ctx.addIssue({ code: 'custom', message: 'this day does not exist in that month', path: ['day'] });
    }
  });

export type PartialDate = z.infer<typeof PartialDateValueSchema>;

export function formatPartialDate(pd: PartialDate): string {
  const parts = [String(pd.year).padStart(4, '0')];
  if (pd.month !== undefined) parts.push(String(pd.month).padStart(2, '0'));
  if (pd.month !== undefined && pd.day !== undefined) parts.push(String(pd.day).padStart(2, '0'));
  return parts.join('-');
}

function toPartialDate(text: string): PartialDate | { problem: string } {
  const m = PARTIAL_DATE_PATTERN.exec(text);
  if (!m) return { problem: 'date must be YYYY, YYYY-MM or YYYY-MM-DD' };
  const candidate = {
    year: Number(m[1]),
    ...(m[2] === undefined ? {} : { month: Number(m[2]) }),
    ...(m[3] === undefined ? {} : { day: Number(m[3]) }),
  };
  const result = PartialDateValueSchema.safeParse(candidate);
  return result.success ? result.data : { problem: result.error.issues[0]?.message ?? 'invalid date' };
}

export function parsePartialDate(text: string): PartialDate | undefined {
  const result = toPartialDate(text.trim());
  return 'problem' in result ? undefined : result;
}

/** Orders by the earliest day each date may mean; on a tie the less precise date comes first. */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  return (
    a.year - b.year ||
    (a.month ?? 1) - (b.month ?? 1) ||
    (a.day ?? 1) - (b.day ?? 1) ||
    precision(a) - precision(b)
  );
}

function precision(pd: PartialDate): number {
  return pd.day !== undefined ? 2 : pd.month !== undefined ? 1 : 0;
}

/** True only when even the earliest day the date may mean is after `today` (local calendar day). */
export function isPartialDateInFuture(pd: PartialDate, today: Date = new Date()): boolean {
  const now = { year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate() };
  return comparePartialDates({ year: pd.year, month: pd.month ?? 1, day: pd.day ?? 1 }, now) > 0;
}

export const PartialDateSchema = z
  .codec(
    z.string().regex(PARTIAL_DATE_PATTERN, 'date must be YYYY, YYYY-MM or YYYY-MM-DD'),
    PartialDateValueSchema,
    {
      decode: (text, ctx) => {
        const result = toPartialDate(text);
        if (!('problem' in result)) return result;
        ctx.issues.push({ code: 'custom', message: result.problem, input: text });
        return z.NEVER;
      },
      encode: formatPartialDate,
    },
  )
  .describe('A year, a year and month, or a full date: 2015, 2015-04 or 2015-04-12');
