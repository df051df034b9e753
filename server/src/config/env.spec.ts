import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('environment', () => {
  const secrets = { PHONE_ENCRYPTION_KEY: 'a'.repeat(32), QUERY_CODE_SECRET: 'b'.repeat(32) };

  it('defaults to the embedded database on port 3000', () => {
    const env = parseEnv(secrets);
    expect(env).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: './data', demo: false, devLogin: false });
  });

  it('turns dev login on by default only in the embedded demo', () => {
    expect(parseEnv({ SA_DEMO: '1' }).devLogin).toBe(true);
    expect(parseEnv({ ...secrets, SA_DEMO: '1', DATABASE_URL: 'postgres://db/x' }).devLogin).toBe(false);
    expect(parseEnv({ SA_DEMO: '1', DEV_LOGIN: '0' }).devLogin).toBe(false);
  });

  it('requires real secrets outside the demo', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://db/x' })).toThrow(/PHONE_ENCRYPTION_KEY/);
    expect(parseEnv({ ...secrets, DATABASE_URL: 'postgres://db/x' }).secrets.phoneKey).toBe('a'.repeat(32));
  });

  it('trusts no proxy unless TRUST_PROXY names one: hops, addresses, ranges or loopback', () => {
    expect(parseEnv(secrets).trustProxy).toBe(false);
    expect(parseEnv({ ...secrets, TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(parseEnv({ ...secrets, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseEnv({ ...secrets, TRUST_PROXY: 'loopback, 10.0.0.0/8,192.168.1.7' }).trustProxy).toBe('loopback, 10.0.0.0/8, 192.168.1.7');
    expect(parseEnv({ ...secrets, TRUST_PROXY: 'fd00::/8' }).trustProxy).toBe('fd00::/8');
    expect(() => parseEnv({ ...secrets, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY.*everyone/);
    expect(() => parseEnv({ ...secrets, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });

  it('sweeps every 60 s and sends the WeChat outbox every 10 s unless set, 0 turning either off', () => {
    expect(parseEnv(secrets).schedule).toEqual({ sweepIntervalSeconds: 60, outboxIntervalSeconds: 10 });
    expect(parseEnv({ ...secrets, SWEEP_INTERVAL_SECONDS: '0', OUTBOX_INTERVAL_SECONDS: '0' }).schedule).toEqual({ sweepIntervalSeconds: 0, outboxIntervalSeconds: 0 });
    expect(() => parseEnv({ ...secrets, SWEEP_INTERVAL_SECONDS: '-5' })).toThrow(/SWEEP_INTERVAL_SECONDS/);
  });

  it('keeps resident sessions 30 days and ends staff sessions after 12 idle hours unless set', () => {
    expect(parseEnv(secrets)).toMatchObject({ sessionTtlHours: 720, staffSessionIdleHours: 12 });
    expect(parseEnv({ ...secrets, SESSION_TTL_HOURS: '48', STAFF_SESSION_IDLE_HOURS: '2' })).toMatchObject({ sessionTtlHours: 48, staffSessionIdleHours: 2 });
    expect(() => parseEnv({ ...secrets, STAFF_SESSION_IDLE_HOURS: '0' })).toThrow(/STAFF_SESSION_IDLE_HOURS/);
    expect(() => parseEnv({ ...secrets, STAFF_SESSION_IDLE_HOURS: 'half a day' })).toThrow(/STAFF_SESSION_IDLE_HOURS/);
  });

  it('sends a subscribe message only for the types with a template id', () => {
    const env = parseEnv({ ...secrets, WECHAT_TEMPLATE_ACCEPTED: ' tpl-a ', WECHAT_TEMPLATE_RESOLVED: '' });
    expect(env.wechat.templates).toEqual({ ACCEPTED: 'tpl-a', TRANSFERRED: undefined, DECIDED: undefined, RESOLVED: undefined });
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
