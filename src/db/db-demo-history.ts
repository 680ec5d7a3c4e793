// A demo member's history: founding dates, membership record, yearly survey figures, documented traits.
import type {
  CooperativeFamily,
  CooperativeOrigin,
  MembershipStatus,
} from '../reference/reference-legal-forms.js';
import type { DemoAnnualFigures, DemoTrait } from './db-demo-data.js';
import { instantBetween, type Random } from './db-demo-random.js';
import { REVENUE_PER_EMPLOYEE, TRAIT_PRESENCE } from './db-demo-vocabulary.js';

export const FIRST_FIGURES_YEAR = 2021;
export const LAST_FIGURES_YEAR = 2025;
const LAST_EDIT_MS = Date.UTC(2025, 11, 31, 18);
const LAST_DAY_MS = Date.UTC(2025, 11, 15);
const DAY_MS = 86_400_000;

export type PartialDate = { year: number; month: number | null; day: number | null };

/** Founded 1950–2025, mostly recent; 60 % full dates, 25 % year and month, 15 % year only. */
export function drawDates(random: Random, origin: CooperativeOrigin, minYear: number) {
  if (origin === 'creation') {
    const founded = partialDate(random, recentYear(random, 11, minYear));
    return { founded, became: founded };
  }
  const becameYear = recentYear(random, 8, Math.max(minYear, 1980));
  const foundedYear = Math.max(1950, becameYear - 1 - Math.floor(-Math.log(1 - random.next()) * 15));
  return { founded: partialDate(random, foundedYear), became: partialDate(random, becameYear) };
}

/** Exponentially fewer years back (mean `scale`); a year before `minYear` is redrawn uniformly after it. */
function recentYear(random: Random, scale: number, minYear: number): number {
  const year = LAST_FIGURES_YEAR - Math.floor(-Math.log(1 - random.next()) * scale);
  return year >= minYear ? year : random.int(minYear, LAST_FIGURES_YEAR);
}

function partialDate(random: Random, year: number): PartialDate {
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const precision = random.next();
  return { year, month: precision < 0.85 ? month : null, day: precision < 0.6 ? day : null };
}

/** Rows entered over 2024–2025; members since they became cooperatives; leavers archived. */
export function drawMembership(random: Random, status: MembershipStatus, became: PartialDate) {
  const createdAt = instantBetween(random, Date.UTC(2024, 0, 2), Date.UTC(2025, 9, 31));
  const updatedAt = random.chance(0.3)
    ? createdAt
    : instantBetween(random, createdAt.getTime(), LAST_EDIT_MS);
  const becameMs = Date.UTC(
    became.year,
    (became.month ?? random.int(1, 12)) - 1,
    became.day ?? random.int(1, 28),
  );
  const sinceMs = Math.min(becameMs + random.int(0, 540) * DAY_MS, LAST_DAY_MS);
  const memberSince = status === 'pending' ? null : new Date(sinceMs);
  const membership = { membershipStatus: status, memberSince, createdAt, updatedAt };
  if (status !== 'left') return { ...membership, leftOn: null, archivedAt: null };
  const leftMs = Math.min(
    Math.max(sinceMs + 365 * DAY_MS, Date.UTC(2022, 0, 1)) + random.int(0, 1200) * DAY_MS,
    LAST_DAY_MS,
  );
  const archivedMs = Math.min(
    Math.max(leftMs + random.int(0, 10) * DAY_MS + 36_000_000, createdAt.getTime()),
    LAST_EDIT_MS,
  );
  const archivedAt = new Date(archivedMs);
  return {
    ...membership,
    leftOn: new Date(leftMs),
    archivedAt,
    updatedAt: updatedAt > archivedAt ? updatedAt : archivedAt,
  };
}

export type FiguresPlan = {
  family: CooperativeFamily;
  isCae: boolean;
  isGrouping: boolean;
  isAmorcage: boolean;
  origin: CooperativeOrigin;
  sector: string;
  becameYear: number;
  noFigures: boolean;
};
/** `allAssociates`: every employee is an associate in every year (null without figures). */
export type DrawnFigures = { figures: DemoAnnualFigures[]; allAssociates: boolean | null };

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

function typicalHeadcount(plan: FiguresPlan): number {
  if (plan.isCae) return 45; // employee-entrepreneurs are employees
  if (plan.isGrouping) return 4;
  if (plan.origin === 'takeover') return 22;
  return plan.family === 'scic' ? 9 : 8;
}

/** Figures from the year it became a cooperative (or 2021) to 2025, or 2024 when 2025 is not in yet. */
export function drawFigures(random: Random, plan: FiguresPlan): DrawnFigures {
  const latestYear =
    plan.becameYear >= LAST_FIGURES_YEAR || random.chance(0.75) ? LAST_FIGURES_YEAR : LAST_FIGURES_YEAR - 1;
  const firstYear = Math.max(FIRST_FIGURES_YEAR, plan.becameYear);
  if (plan.noFigures || firstYear > latestYear) return { figures: [], allAssociates: null };
  const { family } = plan;
  // Drawn from the latest year backwards, so that today's sizes follow the log-normal distribution.
  const latestCount = Math.round(typicalHeadcount(plan) * Math.exp(0.95 * random.normal()));
  const counts = [family !== 'scop' && random.chance(0.03) ? 0 : clamp(latestCount, 1, 1500)];
  for (let year = latestYear - 1; year >= firstYear; year--) {
    const later = counts[0] ?? 0;
    const growth = Math.max(0.5, 1.03 + 0.1 * random.normal());
    counts.unshift(later === 0 ? 0 : Math.max(1, Math.round(later / growth)));
  }
  const allAssociates = family === 'scop' && random.chance(0.3);
  const memberShare = {
    scop: 0.45 + 0.5 * random.next(),
    scic: 0.2 + 0.6 * random.next(),
    coop47: 0.5 * random.next(),
  }[family];
  const outsiders =
    family === 'scop'
      ? random.int(0, Math.max(1, Math.round((counts[0] ?? 0) * 0.3)))
      : Math.round((family === 'scic' ? 40 : 25) * Math.exp(0.8 * random.normal()));
  const colleges = family === 'scic' && random.chance(0.9) ? random.int(3, 5) : null;
  // A Scop d'amorçage gives employees the votes before the capital: their share stays under half.
  const [low, high] = plan.isAmorcage ? [0, 49] : family === 'scop' ? [51, 100] : [0, 50];
  let capital = plan.isAmorcage
    ? 12 + 20 * random.next()
    : family === 'scop'
      ? 55 + 45 * random.next()
      : null;
  if (family === 'scic' && random.chance(0.5)) capital = 5 + 40 * random.next();
  const perEmployee = (REVENUE_PER_EMPLOYEE[plan.sector] ?? 75_000) * Math.exp(0.25 * random.normal());

  const figures: DemoAnnualFigures[] = [];
  counts.forEach((employees, i) => {
    const year = firstYear + i;
    if (year !== latestYear && random.chance(0.08)) return; // a survey left unanswered
    const share = clamp(memberShare + 0.05 * random.normal(), 0, 1);
    const memberEmployees = allAssociates
      ? employees
      : Math.min(employees, Math.max(family === 'scop' ? 2 : 0, Math.round(employees * share)));
    if (capital !== null && i > 0) {
      capital = clamp(capital + (plan.isAmorcage ? 2 + 4 * random.next() : 1.5 * random.normal()), low, high);
    }
    const revenue =
      employees === 0 ? random.int(5, 60) * 1000 : employees * perEmployee * (1 + 0.08 * random.normal());
    figures.push({
      year,
      employees,
      memberEmployees,
      associates: memberEmployees + Math.max(0, Math.round(outsiders * (1 + 0.05 * random.normal()))),
      employeeCapitalShare: capital === null ? null : round1(capital),
      associateEmployeeShare: employees > 0 ? round1((100 * memberEmployees) / employees) : null,
      scicColleges: colleges,
      revenue: random.chance(0.08) ? null : BigInt(Math.max(0, Math.round(revenue / 100) * 100)),
      // Surveys are filled in the spring after the year; 2025's are still coming in.
      updatedAt:
        year < LAST_FIGURES_YEAR
          ? instantBetween(random, Date.UTC(year + 1, 1, 1), Date.UTC(year + 1, 5, 30))
          : instantBetween(random, Date.UTC(LAST_FIGURES_YEAR, 9, 1), LAST_EDIT_MS),
    });
  });
  return { figures, allAssociates };
}

/** A documented subset of the traits (none for a third of members); absent rows mean "not documented". */
export function drawTraits(random: Random, allAssociates: boolean | null): DemoTrait[] {
  if (random.chance(0.35)) return [];
  const traits = Object.entries(TRAIT_PRESENCE)
    .filter(() => random.chance(0.45))
    .map(([traitKey, rate]) => {
      const known = traitKey === 'all_employees_associates' && allAssociates !== null;
      return { traitKey, present: known ? allAssociates : random.chance(rate) };
    });
  // Sociocracy is a form of horizontal governance.
  const horizontal = traits.find((trait) => trait.traitKey === 'horizontal_governance');
  if (horizontal && traits.some((trait) => trait.traitKey === 'sociocracy' && trait.present)) {
    horizontal.present = true;
  }
  return traits;
}
