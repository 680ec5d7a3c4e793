// Cooperative families, company forms, status flags, origins, membership statuses and INSEE legal categories.
import { z } from 'zod';
import type {
  CompanyForm as DbCompanyForm,
  CooperativeFamily as DbCooperativeFamily,
  CooperativeOrigin as DbCooperativeOrigin,
  MembershipStatus as DbMembershipStatus,
} from '../generated/prisma/enums.js';

export type Labels = { labelFr: string; labelEn: string };
export type FamilyInfo = Labels & { descriptionFr: string; descriptionEn: string };

// Each label table is typed by its tuple and `satisfies` the Prisma enum: tsc fails if the two drift apart.
export const FAMILIES = ['scop', 'scic', 'coop47'] as const;
export const FamilySchema = z.enum(FAMILIES);
export type CooperativeFamily = z.infer<typeof FamilySchema>;
export const FAMILY_LABELS: Record<
  CooperativeFamily,
  Labels & { descriptionFr: string; descriptionEn: string }
> = {
  scop: {
    labelFr: 'Scop',
    labelEn: 'SCOP (worker cooperative)',
    descriptionFr: 'Société coopérative et participative : les salariés détiennent au moins 51 % du capital.',
    descriptionEn: 'Worker cooperative: employees hold at least 51% of the capital and 65% of the votes.',
  },
  scic: {
    labelFr: 'Scic',
    labelEn: 'SCIC (multi-stakeholder cooperative)',
    descriptionFr: "Société coopérative d'intérêt collectif : salariés, bénéficiaires et autres associés.",
    descriptionEn: 'Collective-interest cooperative: employees, beneficiaries and other kinds of associates.',
  },
  coop47: {
    labelFr: 'Autre coopérative (loi de 1947)',
    labelEn: 'Other cooperative (1947 law)',
    descriptionFr: 'Coopérative relevant de la loi générale de 1947, ni Scop ni Scic.',
    descriptionEn: 'A cooperative under the general 1947 law that is neither a SCOP nor a SCIC.',
  },
} satisfies Record<DbCooperativeFamily, FamilyInfo>;

export const COMPANY_FORMS = ['sa', 'sarl', 'sas'] as const;
export const CompanyFormSchema = z.enum(COMPANY_FORMS);
export type CompanyForm = z.infer<typeof CompanyFormSchema>;
export const COMPANY_FORM_LABELS: Record<CompanyForm, Labels> = {
  sa: { labelFr: 'SA (société anonyme)', labelEn: 'SA (public limited company)' },
  sarl: { labelFr: 'SARL (société à responsabilité limitée)', labelEn: 'SARL (private limited company)' },
  sas: { labelFr: 'SAS (société par actions simplifiée)', labelEn: 'SAS (simplified joint-stock company)' },
} satisfies Record<DbCompanyForm, Labels>;

export const STATUS_FLAGS = ['cae', 'amorcage', 'grouping'] as const;
export type StatusFlag = (typeof STATUS_FLAGS)[number];
export const STATUS_FLAG_LABELS: Record<StatusFlag, Labels> = {
  cae: {
    labelFr: "Coopérative d'activité et d'emploi (CAE)",
    labelEn: 'Business and employment cooperative',
  },
  amorcage: { labelFr: "Scop d'amorçage", labelEn: 'Seed SCOP (employees reach 50% of capital in 7 years)' },
  grouping: { labelFr: 'Groupement ou union de Scop', labelEn: 'Grouping or union of cooperatives' },
};

export const MEMBERSHIP_STATUSES = ['active', 'pending', 'left'] as const;
export const MembershipStatusSchema = z.enum(MEMBERSHIP_STATUSES);
export type MembershipStatus = z.infer<typeof MembershipStatusSchema>;
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, Labels> = {
  active: { labelFr: 'Adhérente', labelEn: 'Member' },
  pending: { labelFr: 'Adhésion en cours', labelEn: 'Membership pending' },
  left: { labelFr: 'Sortie', labelEn: 'Former member' },
} satisfies Record<DbMembershipStatus, Labels>;

export const ORIGINS = [
  'creation',
  'association_conversion',
  'company_conversion',
  'transmission',
  'takeover',
] as const;
export const OriginSchema = z.enum(ORIGINS);
export type CooperativeOrigin = z.infer<typeof OriginSchema>;
export const ORIGIN_LABELS: Record<CooperativeOrigin, Labels> = {
  creation: { labelFr: 'Création', labelEn: 'Created as a cooperative' },
  association_conversion: {
    labelFr: "Transformation d'association",
    labelEn: 'Conversion of an association',
  },
  company_conversion: { labelFr: "Transformation d'entreprise", labelEn: 'Conversion of a company' },
  transmission: { labelFr: "Transmission d'entreprise saine", labelEn: 'Transmission of a healthy company' },
  takeover: { labelFr: "Reprise d'entreprise en difficulté", labelEn: 'Takeover of a company in difficulty' },
} satisfies Record<DbCooperativeOrigin, Labels>;

/** Any INSEE legal category code (niveau III): 4 digits, the first one never 0. */
export const LEGAL_CATEGORY_PATTERN = /^[1-9]\d{3}$/;

// Observed from the register, never typed by the union: a SAS-form SCOP shows as 5710.
export const LEGAL_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  '5458': 'SARL coopérative ouvrière de production (SCOP)',
  '5459': 'SARL union de sociétés coopératives',
  '5460': 'Autre SARL coopérative',
  '5558': "SA coopérative ouvrière de production (SCOP) à conseil d'administration",
  '5559': "SA union de sociétés coopératives à conseil d'administration",
  '5560': "Autre SA coopérative à conseil d'administration",
  '5658': 'SA coopérative ouvrière de production (SCOP) à directoire',
  '5659': 'SA union de sociétés coopératives à directoire',
  '5660': 'Autre SA coopérative à directoire',
  '5710': 'SAS, société par actions simplifiée',
  '9220': 'Association déclarée',
};

/** Company form implied by a legal category (54xx SARL, 55xx and 56xx SA, 57xx SAS). */
export function companyFormOfLegalCategory(code: string): CompanyForm | undefined {
  const prefix = code.slice(0, 2);
  if (!LEGAL_CATEGORY_PATTERN.test(code)) return undefined;
  if (prefix === '54') return 'sarl';
  if (prefix === '55' || prefix === '56') return 'sa';
  return prefix === '57' ? 'sas' : undefined;
}
