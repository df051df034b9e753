import { describe, expect, it } from 'vitest';
import { JsonLogger, maskMobiles, reasonOf } from './logger';

/** What an operator would read on stdout: the lines the logger wrote, parsed. */
function capture(level: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'debug') {
  const raw: string[] = [];
  const logger = new JsonLogger(level, { write: (line: string) => void raw.push(line) });
  return { logger, raw, lines: () => raw.map((l) => JSON.parse(l) as Record<string, any>) };
}

describe('JsonLogger over pino', () => {
  it('writes one JSON object per line with an ISO time, the level by name, the message and the fields', () => {
    const { logger, raw, lines } = capture();
    logger.write('info', 'survey created', { surveyId: 7, by: 3 });
    expect(raw).toHaveLength(1);
    expect(raw[0]!.endsWith('\n')).toBe(true);
    expect(lines()[0]).toMatchObject({ level: 'info', msg: 'survey created', surveyId: 7, by: 3 });
    expect(new Date(lines()[0]!.time).toISOString()).toBe(lines()[0]!.time);
  });

  it('keeps LOG_LEVEL: debug lines are dropped at info, everything at silent', () => {
    const info = capture('info');
    info.logger.write('debug', 'statistics refreshed');
    info.logger.debug('Mapped route');
    info.logger.write('warn', 'no holiday schedule for this year', { year: 2027 });
    expect(info.lines().map((l) => l.msg)).toEqual(['no holiday schedule for this year']);
    const silent = capture('silent');
    silent.logger.write('error', 'deadline sweep step failed');
    expect(silent.raw).toEqual([]);
  });

  it('masks mainland mobile numbers inside messages and free-text fields, not other runs of digits', () => {
    const { logger, raw } = capture();
    logger.write('warn', 'sms provider refused 13812345678', { providerMessage: 'number +8613912345678 is on the blocklist', error: 'Key (x)=(15900001111) exists' });
    logger.log('resident 17712345678 signed in', 'AuthService');
    logger.write('info', 'receipt', { receiptNo: 'TS2026061300012', at: 1718000000000, serial: '213800001111' });
    const out = raw.join('');
    for (const phone of ['13812345678', '13912345678', '15900001111', '17712345678']) expect(out).not.toContain(phone);
    expect(out).toContain('138****5678');
    expect(out).toContain('+86139****5678');
    expect(out).toContain('TS2026061300012');
    expect(out).toContain('1718000000000');
    expect(out).toContain('213800001111');
    expect(maskMobiles('致电 13812345678 或 010-12345678')).toBe('致电 138****5678 或 010-12345678');
  });

  it('censors tokens, cookies, passwords, query and login codes, WeChat identities and people\'s names in fields', () => {
    const { logger, raw, lines } = capture();
    logger.write('info', 'outgoing', {
      headers: { authorization: 'Bearer s3cr3t-session', cookie: 'sid=abc123', 'set-cookie': 'sid=abc123' },
      code: 'dev:resident1',
      body: { queryCode: 'Q7K2M9', password: 'Correct#Horse1' },
      wechat: { openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', session_key: 'tiihtNczf5v6AKRyjwEUhQ==' },
      access_token: 'ACCESS_TOKEN_VALUE',
      partner: { api_key: 'sa311_partner_key_value' },
      reporterName: '张小梅',
      user: { name: '李建国', role: 'RESIDENT' },
      complaint: { reporterName: '王芳', reporterPhone: '13812345678' },
      name: '国庆节',
    });
    const out = raw.join('');
    for (const secret of ['s3cr3t-session', 'abc123', 'dev:resident1', 'Q7K2M9', 'Correct#Horse1', 'o6_bmjrPTlm6', 'tiihtNczf5v6', 'ACCESS_TOKEN_VALUE', 'sa311_partner_key_value', '张小梅', '李建国', '王芳', '13812345678']) {
      expect(out).not.toContain(secret);
    }
    const line = lines()[0]!;
    expect(line.headers).toEqual({ authorization: '[Redacted]', cookie: '[Redacted]', 'set-cookie': '[Redacted]' });
    expect(line.body).toEqual({ queryCode: '[Redacted]', password: '[Redacted]' });
    expect(line.user).toEqual({ name: '[Redacted]', role: 'RESIDENT' });
    expect(line.complaint).toEqual({ reporterName: '[Redacted]', reporterPhone: '138****5678' });
    // A holiday's name is not a person's.
    expect(line.name).toBe('国庆节');
  });

  it('the demo sign-in line keeps its code readable and shows the number masked', () => {
    const { logger, lines } = capture('info');
    logger.write('info', 'sms code (demo)', { phone: '13812345678', demoCode: '482913', purpose: 'LOGIN' });
    logger.write('info', 'sms code (demo)', { phone: '139****5678', demoCode: '105577', purpose: 'LOGIN' });
    expect(lines()).toEqual([
      expect.objectContaining({ msg: 'sms code (demo)', phone: '138****5678', demoCode: '482913' }),
      expect.objectContaining({ msg: 'sms code (demo)', phone: '139****5678', demoCode: '105577' }),
    ]);
  });

  it('an Error below error level is its one-line reason; at error it keeps the stack', () => {
    const { logger, lines } = capture();
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    logger.write('warn', 'wechat jscode2session unreachable', { error: refused });
    logger.error(new Error('column "x" does not exist'), undefined, 'ErrorFilter');
    const [warn, error] = lines();
    expect(warn).toMatchObject({ level: 'warn', error: 'fetch failed (ECONNREFUSED)' });
    expect(JSON.stringify(warn)).not.toContain('stack');
    expect(error).toMatchObject({ level: 'error', msg: 'column "x" does not exist', context: 'ErrorFilter' });
    expect(error!.err.stack).toMatch(/^Error: column "x" does not exist\n\s+at /);
    expect(reasonOf(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('The operation was aborted due to timeout');
  });
});
