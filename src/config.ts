// The service's configuration: one zod schema over the environment, read once at start.
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
  .optional();

export const ConfigSchema = z
  .object({
    PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(3000)
      .describe('HTTP port the service listens on'),
    HOST: z.string().min(1).default('0.0.0.0').describe('Interface the service binds to'),
    DATABASE_URL: postgresUrl.describe(
      'PostgreSQL connection URL. Unset: an embedded PostgreSQL is started with its data in EMBEDDED_PG_DIR',
    ),
    DATABASE_POOL_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(10)
      .describe('Connections in the pool'),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(15000)
      .describe('Longest a single SQL statement may run (0: no limit)'),
    EMBEDDED_PG_DIR: z
      .string()
      .min(1)
      .default('.data/postgres')
      .describe('Data folder of the embedded PostgreSQL'),
    EMBEDDED_PG_PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .refine((port) => port !== 5432, 'must not be 5432 (kept for a real PostgreSQL server)')
      .default(0)
      .describe('Port of the embedded PostgreSQL (0: any free port)'),
    MIGRATE_ON_START: booleanFlag.default(true).describe('Apply pending migrations at start-up'),
    DEMO_DATA: z
      .enum(['auto', 'if-empty', 'never'])
      .default('auto')
      .describe(
        'Load the demo directory at start: auto = into an empty embedded database; if-empty = into any empty database',
      ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z
      .enum(['auto', 'json', 'pretty'])
      .default('auto')
      .describe('auto: pretty when stdout is a terminal, JSON otherwise'),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1_048_576)
      .describe('Largest accepted request body'),
    SHUTDOWN_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(10_000)
      .describe('How long in-flight requests may take to finish on shutdown'),
    SEARCH_CACHE_ENTRIES: z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(500)
      .describe('Search responses (up to 128 KB each) kept in memory until the data changes (0: none)'),
    TRUST_PROXY: booleanFlag.default(false).describe('Trust X-Forwarded-* headers (behind a reverse proxy)'),
  })
  .superRefine((config, ctx) => {
    if (!config.DATABASE_URL && !config.MIGRATE_ON_START) {
      ctx.addIssue({
        code: 'custom',
        path: ['MIGRATE_ON_START'],
        message: 'cannot be false without DATABASE_URL: the embedded database must be migrated',
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = ConfigSchema.safeParse(defined);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || 'environment';
      const value = typeof issue.path[0] === 'string' ? defined[issue.path[0]] : undefined;
      const shown = value === undefined || /URL/.test(name) ? '' : ` (got "${value}")`;
      return `${name}: ${issue.message}${shown}`;
    }),
  );
}

/** For commands and the server: a bad configuration prints every problem and exits with EX_CONFIG. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}
