import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('environment', () => {
  it('defaults to the embedded database on port 3000', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: './data', demo: false, devLogin: false });
  });

  it('turns dev login on by default only in the embedded demo', () => {
    expect(parseEnv({ SA_DEMO: '1' }).devLogin).toBe(true);
    expect(parseEnv({ SA_DEMO: '1', DATABASE_URL: 'postgres://db/x' }).devLogin).toBe(false);
    expect(parseEnv({ SA_DEMO: '1', DEV_LOGIN: '0' }).devLogin).toBe(false);
  });

  it('fails fast naming every wrong variable', () => {
    expect(() => parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(EnvError);
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      expect(String(err)).toContain('PORT');
      expect(String(err)).toContain('DATABASE_URL');
    }
  });
});
