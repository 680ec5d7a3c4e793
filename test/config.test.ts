import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('starts with sensible defaults and no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_POOL_SIZE: 10,
      MIGRATE_ON_START: true,
      DEMO_DATA: 'auto',
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads and converts the variables it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://coopdir:secret@db.internal:5433/coopdir',
      DATABASE_POOL_SIZE: '25',
      MIGRATE_ON_START: 'false',
      TRUST_PROXY: 'yes',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_POOL_SIZE: 25,
      MIGRATE_ON_START: false,
      TRUST_PROXY: true,
    });
  });

  it('names every bad variable at once, with the value it got', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_POOL_SIZE: '0', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x/y' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"eighty"');
    expect(problems.find((p) => p.startsWith('DATABASE_POOL_SIZE:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toContain('"loud"');
    // A connection URL may hold a password: it is named, never echoed.
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).not.toContain('mysql://');
  });

  it('keeps 5432 for a real server: the embedded one may not take it', () => {
    expect(() => loadConfig({ EMBEDDED_PG_PORT: '5432' })).toThrow(/EMBEDDED_PG_PORT: must not be 5432/);
  });

  it('refuses to skip migrations on the embedded database', () => {
    expect(() => loadConfig({ MIGRATE_ON_START: 'false' })).toThrow(/MIGRATE_ON_START/);
  });
});
