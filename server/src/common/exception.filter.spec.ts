import type { ArgumentsHost } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { DomainException } from './domain-exception';
import { ErrorFilter } from './exception.filter';
import { JsonLogger } from './logger';

function newFilter() {
  const lines: Array<Record<string, any>> = [];
  const sut = new ErrorFilter(new JsonLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) }));
  /** Runs the filter on one request and returns what the caller was answered. */
  const answer = (exception: unknown) => {
    const res = {
      headersSent: false,
      locals: {} as Record<string, unknown>,
      statusCode: 200,
      body: undefined as unknown,
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      json(body: unknown) {
        this.body = body;
      },
    };
    const req = { method: 'POST', path: '/api/v1/complaints' };
    const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
    sut.catch(exception, host);
    return res;
  };
  return { sut, answer, lines };
}

describe('ErrorFilter logging', () => {
  it('an unexpected fault is one error line with its stack, and the caller gets INTERNAL only', () => {
    const { answer, lines } = newFilter();
    const res = answer(new TypeError("Cannot read properties of undefined (reading 'officeId')"));
    expect(res.statusCode).toBe(500);
    expect(res.body).toEqual({ code: 'INTERNAL', message: '系统内部错误，请稍后再试' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', context: 'ErrorFilter', msg: "Cannot read properties of undefined (reading 'officeId')" });
    expect(lines[0]!.err.stack).toContain('exception.filter.spec.ts');
  });

  it('an outside service that failed (WECHAT_UNAVAILABLE, 503) writes nothing here: its reason was logged where it was known', () => {
    const { answer, lines } = newFilter();
    const res = answer(new DomainException('WECHAT_UNAVAILABLE'));
    expect(res.statusCode).toBe(503);
    expect(res.locals.errorCode).toBe('WECHAT_UNAVAILABLE');
    expect(lines).toEqual([]);
  });

  it('the database gone for a moment is a warn line with the reason and no stack', () => {
    const { answer, lines } = newFilter();
    const res = answer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(res.statusCode).toBe(503);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', msg: 'database unavailable', error: 'connect ECONNREFUSED 127.0.0.1:5432' })]);
    expect(JSON.stringify(lines)).not.toContain('stack');
  });

  it('a refused request (404, 400) is not logged here: the request line carries its error code', () => {
    const { answer, lines } = newFilter();
    expect(answer(new DomainException('NOT_FOUND')).locals.errorCode).toBe('NOT_FOUND');
    expect(lines).toEqual([]);
  });
});
