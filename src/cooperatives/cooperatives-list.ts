// Many profiles at once with one SQL statement (search result pages, exports): the same rows
// Prisma would return, children as JSON, mapped by toCooperative.
import type pg from 'pg';
import type { CooperativeRow } from './cooperatives-mapping.js';
import { toCooperative } from './cooperatives-mapping.js';
import type { Cooperative } from './cooperatives-schemas.js';

const SELECT = `
  SELECT c.id, c.slug, c.name, coalesce(c.trade_names, '{}') AS "tradeNames", c.acronym, c.siren, c.siret,
         c.legal_category_code AS "legalCategoryCode", c.family::text AS family, c.company_form::text AS "companyForm",
         c.is_cae AS "isCae", c.is_amorcage AS "isAmorcage", c.amorcage_deadline_year AS "amorcageDeadlineYear",
         c.is_grouping AS "isGrouping", c.founded_year AS "foundedYear", c.founded_month AS "foundedMonth",
         c.founded_day AS "foundedDay", c.became_cooperative_year AS "becameCooperativeYear",
         c.became_cooperative_month AS "becameCooperativeMonth", c.became_cooperative_day AS "becameCooperativeDay",
         c.origin::text AS origin, c.predecessor_siren AS "predecessorSiren", c.predecessor_rna AS "predecessorRna",
         c.naf_code AS "nafCode", c.naf_version::text AS "nafVersion", c.naf_section AS "nafSection",
         c.naf_division AS "nafDivision", coalesce(c.sectors, '{}') AS sectors, c.activity, c.description,
         c.street_address AS "streetAddress", c.address_complement AS "addressComplement", c.postal_code AS "postalCode",
         c.commune_code AS "communeCode", c.commune_name AS "communeName", c.department_code AS "departmentCode",
         c.region_code AS "regionCode", c.latitude, c.longitude, c.figures_year AS "figuresYear", c.employees,
         c.member_employees AS "memberEmployees", c.headcount_band AS "headcountBand", c.website, c.email, c.phone,
         c.social_links AS "socialLinks", c.membership_status::text AS "membershipStatus",
         to_char(c.member_since, 'YYYY-MM-DD') AS "memberSince", to_char(c.left_on, 'YYYY-MM-DD') AS "leftOn",
         coalesce(c.federations, '{}') AS federations, c.advisor_id AS "advisorId", c.notes, c.published, c.version,
         c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.archived_at AS "archivedAt",
         coalesce((SELECT json_agg(json_build_object('traitKey', t.trait_key, 'present', t.present) ORDER BY t.trait_key)
                     FROM cooperative_trait t WHERE t.cooperative_id = c.id), '[]') AS traits,
         coalesce((SELECT json_agg(json_build_object('year', f.year, 'employees', f.employees,
                     'memberEmployees', f.member_employees, 'associates', f.associates, 'headcountBand', f.headcount_band,
                     'employeeCapitalShare', f.employee_capital_share, 'associateEmployeeShare', f.associate_employee_share,
                     'scicColleges', f.scic_colleges, 'revenue', f.revenue::text) ORDER BY f.year)
                     FROM annual_figures f WHERE f.cooperative_id = c.id), '[]') AS "annualFigures",
         coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'role', p.role, 'email', p.email,
                     'phone', p.phone) ORDER BY p.position, p.id)
                     FROM contact_person p WHERE p.cooperative_id = c.id), '[]') AS contacts
    FROM cooperative c
   WHERE c.id = ANY($1::uuid[])`;

type ListRow = Omit<CooperativeRow, 'memberSince' | 'leftOn' | 'annualFigures'> & {
  memberSince: string | null;
  leftOn: string | null;
  annualFigures: (Omit<CooperativeRow['annualFigures'][number], 'revenue'> & { revenue: string | null })[];
};

const day = (text: string | null) => (text ? new Date(`${text}T00:00:00.000Z`) : null);

/** Profiles in the order of `ids`; ids no longer in the database are left out. */
export async function listCooperatives(pool: pg.Pool, ids: string[]): Promise<Cooperative[]> {
  if (!ids.length) return [];
  const { rows } = await pool.query<ListRow>(SELECT, [ids]);
  const byId = new Map(
    rows.map((row) => [
      row.id,
      toCooperative({
        ...row,
        memberSince: day(row.memberSince),
        leftOn: day(row.leftOn),
        annualFigures: row.annualFigures.map((f) => ({
          ...f,
          revenue: f.revenue === null ? null : BigInt(f.revenue),
        })),
      } as unknown as CooperativeRow),
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
