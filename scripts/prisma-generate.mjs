// Runs `prisma generate` offline. Prisma 7's CLI wants a native schema engine that cannot be
// downloaded here; generate never runs it, so any executable satisfies the check.
// With --if-missing, does nothing when the client already exists (fast `npm start` / `npm test`).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const client = join(root, 'src/generated/prisma/client.ts');
const schema = join(root, 'prisma/schema.prisma');

if (
  process.argv.includes('--if-missing') &&
  existsSync(client) &&
  statSync(client).mtimeMs >= statSync(schema).mtimeMs
) {
  process.exit(0);
}

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync(process.execPath, [join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
process.exit(result.status ?? 1);
