-- API keys for advisors, analysts and admins. Only a SHA-256 hash of each secret is stored.

-- CreateEnum
CREATE TYPE "api_role" AS ENUM ('advisor', 'analyst', 'admin');

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "role" "api_role" NOT NULL,
    "prefix" VARCHAR(32) NOT NULL,
    "secret_hash" CHAR(64) NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"("prefix");

ALTER TABLE "api_key"
  ADD CONSTRAINT "api_key_secret_hash_check" CHECK ("secret_hash" ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT "api_key_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 100);
