import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const redocly = fileURLToPath(new URL('../node_modules/@redocly/cli/bin/cli.js', import.meta.url));

type Run = { code: number; output: string };

function lint(): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [redocly, 'lint', 'openapi.yaml', '--config', 'redocly.yaml', '--format', 'stylish'],
      {
        cwd: root,
        // Offline and quiet: no usage telemetry, no update check.
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('the committed OpenAPI document', () => {
  it('passes the Redocly recommended rules (see redocly.yaml)', async () => {
    const { code, output } = await lint();
    expect(code, output).toBe(0);
  });
});
