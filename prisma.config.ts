// Prisma CLI configuration. The service applies migrations itself (src/db/db-migrator.ts);
// on a machine where Prisma's schema engine can be downloaded, `prisma migrate status/deploy` agree with it.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx scripts/db-seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/coopdir' },
});
