-- Coopdir initial schema. Written by hand in the shape `prisma migrate dev` produces, plus what
-- Prisma cannot express: extensions, CHECK constraints, the French full-text configuration and the
-- triggers that keep derived columns current.

-- Extensions
CREATE EXTENSION IF NOT EXISTS "unaccent";
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- French full-text search that ignores accents on both sides.
CREATE TEXT SEARCH CONFIGURATION "coopdir_french" (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION "coopdir_french"
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- Lower-case, unaccented, punctuation folded to single spaces: "L'Atelier du Lin" -> "l atelier du lin".
CREATE FUNCTION "coopdir_normalize"(input TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, input)), '[^a-z0-9]+', ' ', 'g')) $$;

-- INSEE "tranche d'effectif salarie" of a year-end headcount (NN, "no employee unit", is observed, never derived).
CREATE FUNCTION "coopdir_headcount_band"(employees INTEGER) RETURNS VARCHAR(2)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT CASE
    WHEN employees <= 0 THEN '00' WHEN employees <= 2 THEN '01' WHEN employees <= 5 THEN '02'
    WHEN employees <= 9 THEN '03' WHEN employees <= 19 THEN '11' WHEN employees <= 49 THEN '12'
    WHEN employees <= 99 THEN '21' WHEN employees <= 199 THEN '22' WHEN employees <= 249 THEN '31'
    WHEN employees <= 499 THEN '32' WHEN employees <= 999 THEN '41' WHEN employees <= 1999 THEN '42'
    WHEN employees <= 4999 THEN '51' WHEN employees <= 9999 THEN '52' ELSE '53' END $$;

-- CreateEnum
CREATE TYPE "cooperative_family" AS ENUM ('scop', 'scic', 'coop47');

-- CreateEnum
CREATE TYPE "company_form" AS ENUM ('sa', 'sarl', 'sas');

-- CreateEnum
CREATE TYPE "cooperative_origin" AS ENUM ('creation', 'association_conversion', 'company_conversion', 'transmission', 'takeover');

-- CreateEnum
CREATE TYPE "membership_status" AS ENUM ('active', 'pending', 'left');

-- CreateEnum
CREATE TYPE "naf_version" AS ENUM ('rev2', 'naf2025');

-- CreateEnum
CREATE TYPE "audit_action" AS ENUM ('create', 'update', 'archive', 'restore');

-- CreateTable
CREATE TABLE "cooperative" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "trade_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "acronym" TEXT,
    "siren" CHAR(9),
    "siret" CHAR(14),
    "legal_category_code" CHAR(4),
    "family" "cooperative_family" NOT NULL,
    "company_form" "company_form",
    "is_cae" BOOLEAN NOT NULL DEFAULT false,
    "is_amorcage" BOOLEAN NOT NULL DEFAULT false,
    "amorcage_deadline_year" SMALLINT,
    "is_grouping" BOOLEAN NOT NULL DEFAULT false,
    "founded_year" SMALLINT,
    "founded_month" SMALLINT,
    "founded_day" SMALLINT,
    "became_cooperative_year" SMALLINT,
    "became_cooperative_month" SMALLINT,
    "became_cooperative_day" SMALLINT,
    "origin" "cooperative_origin",
    "predecessor_siren" CHAR(9),
    "predecessor_rna" VARCHAR(10),
    "naf_code" VARCHAR(6),
    "naf_version" "naf_version",
    "naf_section" CHAR(1),
    "naf_division" CHAR(2),
    "sectors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "activity" TEXT,
    "description" TEXT,
    "street_address" TEXT,
    "address_complement" TEXT,
    "postal_code" CHAR(5),
    "commune_code" CHAR(5),
    "commune_name" TEXT,
    "department_code" VARCHAR(3),
    "region_code" CHAR(2),
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "figures_year" SMALLINT,
    "employees" INTEGER,
    "member_employees" INTEGER,
    "headcount_band" VARCHAR(2),
    "website" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "social_links" JSONB NOT NULL DEFAULT '{}',
    "membership_status" "membership_status" NOT NULL DEFAULT 'active',
    "member_since" DATE,
    "left_on" DATE,
    "federations" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "advisor_id" UUID,
    "notes" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(3),
    "name_normalized" TEXT NOT NULL DEFAULT '',
    "search_document" tsvector,

    CONSTRAINT "cooperative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annual_figures" (
    "cooperative_id" UUID NOT NULL,
    "year" SMALLINT NOT NULL,
    "employees" INTEGER,
    "member_employees" INTEGER,
    "associates" INTEGER,
    "headcount_band" VARCHAR(2),
    "employee_capital_share" DOUBLE PRECISION,
    "associate_employee_share" DOUBLE PRECISION,
    "scic_colleges" SMALLINT,
    "revenue" BIGINT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annual_figures_pkey" PRIMARY KEY ("cooperative_id","year")
);

-- CreateTable
CREATE TABLE "trait" (
    "key" VARCHAR(64) NOT NULL,
    "label_fr" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "description_fr" TEXT,
    "description_en" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trait_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "cooperative_trait" (
    "cooperative_id" UUID NOT NULL,
    "trait_key" VARCHAR(64) NOT NULL,
    "present" BOOLEAN NOT NULL,

    CONSTRAINT "cooperative_trait_pkey" PRIMARY KEY ("cooperative_id","trait_key")
);

-- CreateTable
CREATE TABLE "contact_person" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cooperative_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "contact_person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "advisor" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "advisor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "cooperative_id" UUID NOT NULL,
    "action" "audit_action" NOT NULL,
    "actor" TEXT NOT NULL,
    "request_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changes" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cooperative_slug_key" ON "cooperative"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "cooperative_siren_key" ON "cooperative"("siren");

-- CreateIndex
CREATE UNIQUE INDEX "cooperative_siret_key" ON "cooperative"("siret");

-- CreateIndex
CREATE INDEX "cooperative_family_idx" ON "cooperative"("family");

-- CreateIndex
CREATE INDEX "cooperative_company_form_idx" ON "cooperative"("company_form");

-- CreateIndex
CREATE INDEX "cooperative_origin_idx" ON "cooperative"("origin");

-- CreateIndex
CREATE INDEX "cooperative_region_code_idx" ON "cooperative"("region_code");

-- CreateIndex
CREATE INDEX "cooperative_department_code_idx" ON "cooperative"("department_code");

-- CreateIndex
CREATE INDEX "cooperative_commune_code_idx" ON "cooperative"("commune_code");

-- CreateIndex
CREATE INDEX "cooperative_postal_code_idx" ON "cooperative"("postal_code");

-- CreateIndex
CREATE INDEX "cooperative_naf_code_idx" ON "cooperative"("naf_code");

-- CreateIndex
CREATE INDEX "cooperative_naf_division_idx" ON "cooperative"("naf_division");

-- CreateIndex
CREATE INDEX "cooperative_sectors_idx" ON "cooperative" USING GIN ("sectors");

-- CreateIndex
CREATE INDEX "cooperative_employees_idx" ON "cooperative"("employees");

-- CreateIndex
CREATE INDEX "cooperative_founded_year_founded_month_founded_day_idx" ON "cooperative"("founded_year", "founded_month", "founded_day");

-- CreateIndex
CREATE INDEX "cooperative_became_cooperative_idx" ON "cooperative"("became_cooperative_year", "became_cooperative_month", "became_cooperative_day");

-- CreateIndex
CREATE INDEX "cooperative_membership_status_idx" ON "cooperative"("membership_status");

-- CreateIndex
CREATE INDEX "cooperative_advisor_id_idx" ON "cooperative"("advisor_id");

-- CreateIndex
CREATE INDEX "cooperative_updated_at_idx" ON "cooperative"("updated_at");

-- CreateIndex
CREATE INDEX "cooperative_latitude_longitude_idx" ON "cooperative"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "cooperative_name_normalized_id_idx" ON "cooperative"("name_normalized", "id");

-- CreateIndex
CREATE INDEX "cooperative_name_normalized_trgm_idx" ON "cooperative" USING GIN ("name_normalized" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "cooperative_search_document_idx" ON "cooperative" USING GIN ("search_document");

-- CreateIndex
CREATE INDEX "cooperative_trait_trait_key_present_idx" ON "cooperative_trait"("trait_key", "present");

-- CreateIndex
CREATE INDEX "contact_person_cooperative_id_idx" ON "contact_person"("cooperative_id");

-- CreateIndex
CREATE UNIQUE INDEX "advisor_email_key" ON "advisor"("email");

-- CreateIndex
CREATE INDEX "audit_event_cooperative_id_at_id_idx" ON "audit_event"("cooperative_id", "at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "cooperative" ADD CONSTRAINT "cooperative_advisor_id_fkey" FOREIGN KEY ("advisor_id") REFERENCES "advisor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annual_figures" ADD CONSTRAINT "annual_figures_cooperative_id_fkey" FOREIGN KEY ("cooperative_id") REFERENCES "cooperative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cooperative_trait" ADD CONSTRAINT "cooperative_trait_cooperative_id_fkey" FOREIGN KEY ("cooperative_id") REFERENCES "cooperative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cooperative_trait" ADD CONSTRAINT "cooperative_trait_trait_key_fkey" FOREIGN KEY ("trait_key") REFERENCES "trait"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_person" ADD CONSTRAINT "contact_person_cooperative_id_fkey" FOREIGN KEY ("cooperative_id") REFERENCES "cooperative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_cooperative_id_fkey" FOREIGN KEY ("cooperative_id") REFERENCES "cooperative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Integrity rules Prisma cannot express (it ignores CHECK constraints when diffing).
ALTER TABLE "cooperative"
  ADD CONSTRAINT "cooperative_slug_check" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  ADD CONSTRAINT "cooperative_siren_check" CHECK ("siren" ~ '^[0-9]{9}$'),
  ADD CONSTRAINT "cooperative_siret_check" CHECK ("siret" ~ '^[0-9]{14}$'),
  ADD CONSTRAINT "cooperative_siret_siren_check" CHECK ("siret" IS NULL OR "siren" IS NULL OR left("siret", 9) = "siren"),
  ADD CONSTRAINT "cooperative_legal_category_check" CHECK ("legal_category_code" ~ '^[0-9]{4}$'),
  ADD CONSTRAINT "cooperative_predecessor_siren_check" CHECK ("predecessor_siren" ~ '^[0-9]{9}$'),
  ADD CONSTRAINT "cooperative_amorcage_check" CHECK ("amorcage_deadline_year" IS NULL OR "is_amorcage"),
  ADD CONSTRAINT "cooperative_founded_check" CHECK (
    ("founded_year" IS NULL OR "founded_year" BETWEEN 1800 AND 2200)
    AND ("founded_month" IS NULL OR ("founded_year" IS NOT NULL AND "founded_month" BETWEEN 1 AND 12))
    AND ("founded_day" IS NULL OR ("founded_month" IS NOT NULL AND "founded_day" BETWEEN 1 AND 31))),
  ADD CONSTRAINT "cooperative_became_cooperative_check" CHECK (
    ("became_cooperative_year" IS NULL OR "became_cooperative_year" BETWEEN 1800 AND 2200)
    AND ("became_cooperative_month" IS NULL OR ("became_cooperative_year" IS NOT NULL AND "became_cooperative_month" BETWEEN 1 AND 12))
    AND ("became_cooperative_day" IS NULL OR ("became_cooperative_month" IS NOT NULL AND "became_cooperative_day" BETWEEN 1 AND 31))),
  ADD CONSTRAINT "cooperative_naf_check" CHECK ("naf_code" IS NULL OR ("naf_code" ~ '^[0-9]{2}\.[0-9]{2}[A-Z]$' AND "naf_version" IS NOT NULL)),
  ADD CONSTRAINT "cooperative_location_check" CHECK (
    ("latitude" IS NULL) = ("longitude" IS NULL)
    AND ("latitude" IS NULL OR "latitude" BETWEEN -90 AND 90)
    AND ("longitude" IS NULL OR "longitude" BETWEEN -180 AND 180)),
  ADD CONSTRAINT "cooperative_membership_check" CHECK ("left_on" IS NULL OR "membership_status" = 'left'),
  ADD CONSTRAINT "cooperative_version_check" CHECK ("version" >= 1);

ALTER TABLE "annual_figures"
  ADD CONSTRAINT "annual_figures_year_check" CHECK ("year" BETWEEN 1800 AND 2200),
  ADD CONSTRAINT "annual_figures_counts_check" CHECK (
    ("employees" IS NULL OR "employees" >= 0)
    AND ("member_employees" IS NULL OR "member_employees" >= 0)
    AND ("associates" IS NULL OR "associates" >= 0)
    AND ("member_employees" IS NULL OR "employees" IS NULL OR "member_employees" <= "employees")
    AND ("scic_colleges" IS NULL OR "scic_colleges" >= 0)
    AND ("revenue" IS NULL OR "revenue" >= 0)),
  ADD CONSTRAINT "annual_figures_shares_check" CHECK (
    ("employee_capital_share" IS NULL OR "employee_capital_share" BETWEEN 0 AND 100)
    AND ("associate_employee_share" IS NULL OR "associate_employee_share" BETWEEN 0 AND 100));

ALTER TABLE "trait" ADD CONSTRAINT "trait_key_check" CHECK ("key" ~ '^[a-z][a-z0-9_]*$');

-- Derived columns of a cooperative: the normalised name and the weighted French document
-- (name A; acronym and trade names B; activity C; description and commune D).
CREATE FUNCTION "coopdir_cooperative_derive"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."name_normalized" := coalesce("coopdir_normalize"(NEW."name"), '');
  NEW."search_document" :=
       setweight(to_tsvector('coopdir_french', coalesce(NEW."name", '')), 'A')
    || setweight(to_tsvector('coopdir_french', concat_ws(' ', NEW."acronym", array_to_string(NEW."trade_names", ' '))), 'B')
    || setweight(to_tsvector('coopdir_french', coalesce(NEW."activity", '')), 'C')
    || setweight(to_tsvector('coopdir_french', concat_ws(' ', NEW."description", NEW."commune_name")), 'D');
  RETURN NEW;
END $$;

CREATE TRIGGER "cooperative_derive" BEFORE INSERT OR UPDATE ON "cooperative"
  FOR EACH ROW EXECUTE FUNCTION "coopdir_cooperative_derive"();

CREATE FUNCTION "coopdir_annual_figures_band"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."headcount_band" := "coopdir_headcount_band"(NEW."employees");
  RETURN NEW;
END $$;

CREATE TRIGGER "annual_figures_band" BEFORE INSERT OR UPDATE ON "annual_figures"
  FOR EACH ROW EXECUTE FUNCTION "coopdir_annual_figures_band"();

-- The latest year with a headcount is mirrored on the cooperative, where lists filter and sort on it.
CREATE FUNCTION "coopdir_refresh_latest_figures"(coop UUID) RETURNS void LANGUAGE sql AS $$
  UPDATE "cooperative" c
     SET "figures_year" = l."year", "employees" = l."employees",
         "member_employees" = l."member_employees", "headcount_band" = l."headcount_band"
    FROM (SELECT coop AS "id") k
    LEFT JOIN LATERAL (
      SELECT f."year", f."employees", f."member_employees", f."headcount_band"
        FROM "annual_figures" f
       WHERE f."cooperative_id" = coop AND f."employees" IS NOT NULL
       ORDER BY f."year" DESC LIMIT 1) l ON true
   WHERE c."id" = k."id"
     AND (c."figures_year", c."employees", c."member_employees", c."headcount_band")
         IS DISTINCT FROM (l."year", l."employees", l."member_employees", l."headcount_band")
$$;

CREATE FUNCTION "coopdir_annual_figures_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "coopdir_refresh_latest_figures"(OLD."cooperative_id"); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."cooperative_id" <> OLD."cooperative_id") THEN
    PERFORM "coopdir_refresh_latest_figures"(NEW."cooperative_id");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "annual_figures_changed" AFTER INSERT OR UPDATE OR DELETE ON "annual_figures"
  FOR EACH ROW EXECUTE FUNCTION "coopdir_annual_figures_changed"();

-- The union's starting vocabulary of governance traits; admins edit it from then on.
INSERT INTO "trait" ("key", "label_fr", "label_en", "description_fr", "description_en", "position") VALUES
  ('horizontal_governance', 'Gouvernance horizontale', 'Horizontal governance', 'Pas de dirigeant unique : les décisions se prennent collectivement.', 'No single manager: decisions are taken collectively.', 10),
  ('self_set_salaries', 'Salaires fixés par les salariés', 'Self-set salaries', 'Les salariés fixent eux-mêmes les rémunérations.', 'Employees set the salaries themselves.', 20),
  ('open_vacation', 'Congés libres', 'Open vacation policy', 'Chacun organise ses congés sans plafond fixé à l''avance.', 'Everyone organises their leave with no preset cap.', 30),
  ('financial_transparency', 'Transparence financière', 'Financial transparency', 'Les comptes sont publiés et accessibles à tous.', 'Accounts are published and open to all.', 40),
  ('collective_meetings', 'Réunions collectives régulières', 'Regular collective meetings', 'Des assemblées ou réunions d''équipe se tiennent à intervalle régulier.', 'General or team meetings are held at regular intervals.', 50),
  ('all_employees_associates', 'Tous les salariés sont associés', 'All employees are associates', 'Chaque salarié est aussi associé de la coopérative.', 'Every employee is also an associate of the cooperative.', 60),
  ('rotating_management', 'Direction tournante', 'Rotating management', 'La gérance ou la direction change de titulaire à intervalle fixé.', 'The management role passes to another person at set intervals.', 70),
  ('parity_goals', 'Objectifs de parité', 'Parity goals', 'La coopérative se fixe des objectifs de parité femmes-hommes.', 'The cooperative sets itself gender parity goals.', 80),
  ('sociocracy', 'Sociocratie', 'Sociocracy', 'Décisions par consentement, organisation en cercles.', 'Decisions by consent, organisation in circles.', 90);
