import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBusiness, aUser, aWorld } from '../support/builders';
import { startTestApp, type TestApp } from '../support/test-app';

// A user's mistake is answered with a 4xx { code, message } in Chinese, never a 500 — whatever they send.
describe('malformed requests', () => {
  let app: TestApp;
  let staff: string;
  let resident: string;
  let businessId: number;

  beforeAll(async () => {
    app = await startTestApp();
    const world = await aWorld(app.prisma);
    businessId = (await aBusiness().in(world.community).build(app.prisma)).id;
    await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma);
    await aUser().username('resident').build(app.prisma);
    staff = await app.login('staff');
    resident = await app.login('resident');
  });
  afterAll(async () => app?.close());

  const cases: [string, string, string, unknown][] = [
    ['complaint as an array', 'POST', '/api/v1/complaints', [1, 2, 3]],
    ['complaint as a string', 'POST', '/api/v1/complaints', 'hello'],
    ['complaint with numbers as strings', 'POST', '/api/v1/complaints', { kind: 'REPORT', category: 'OTHER', businessId: '12', description: '这里的描述足够长了吧应该是的', anonymous: 'yes', idempotencyKey: 'abcdefgh' }],
    ['complaint with a huge business id', 'POST', '/api/v1/complaints', { kind: 'REPORT', category: 'OTHER', businessId: 1e20, description: '这里的描述足够长了吧应该是的', anonymous: true, idempotencyKey: 'abcdefgh' }],
    ['complaint with NUL characters', 'POST', '/api/v1/complaints', { kind: 'REPORT', category: 'OTHER', streetId: 1, description: '描述\u0000\u0000里有空字符的内容', anonymous: true, idempotencyKey: 'abcdefgh1' }],
    ['complaint with an unknown street', 'POST', '/api/v1/complaints', { kind: 'REPORT', category: 'OTHER', streetId: 999999, description: '这里的描述足够长了吧应该是的', anonymous: true, idempotencyKey: 'abcdefgh2' }],
    ['action with an unknown name', 'POST', '/api/v1/workbench/complaints/1/actions', { action: 'explode' }],
    ['action on a non-numeric id', 'POST', '/api/v1/workbench/complaints/abc/actions', { action: 'accept' }],
    ['workbench id beyond int4', 'GET', '/api/v1/workbench/complaints/99999999999', undefined],
    ['track with a bad tracking number', 'GET', '/api/v1/complaints/track?trackingNo=DROP%20TABLE&queryCode=x', undefined],
    ['similar with nothing to compare', 'GET', '/api/v1/complaints/similar', undefined],
    ['similar with a latitude of 500', 'GET', '/api/v1/complaints/similar?lat=500&lng=1', undefined],
    ['working days from 2026-02-30', 'GET', '/api/v1/calendar/working-days?from=2026-02-30&add=1', undefined],
    ['working days adding 366', 'GET', '/api/v1/calendar/working-days?from=2026-02-03&add=366', undefined],
    ['business search with a 200-character query', 'GET', `/api/v1/businesses?q=${encodeURIComponent('食'.repeat(200))}`, undefined],
    ['complaint description with a newline is fine, with NUL is not', 'POST', '/api/v1/complaints', { kind: 'REPORT', category: 'OTHER', streetId: 1, description: '第一行\n第二行\u0000', anonymous: true, idempotencyKey: 'abcdefgh3' }],
    ['me-too on a missing complaint', 'POST', '/api/v1/complaints/424242/me-too', {}],
    ['reopen without a reason', 'POST', '/api/v1/complaints/1/reopen', {}],
    // NUL reached PostgreSQL from these (500): every text field is refused first.
    ['password login with NUL in the username', 'POST', '/api/v1/auth/password', { username: 'sta\u0000ff', password: 'x' }],
    ['WeChat login with NUL in the code', 'POST', '/api/v1/auth/wechat', { code: 'dev:resi\u0000dent' }],
    ['staff binding with NUL in the code and username', 'POST', '/api/v1/auth/wechat/bind', { code: 'dev:\u0000', username: 'sta\u0000ff', password: 'x' }],
    ['volunteer binding with NUL in the invitation code', 'POST', '/api/v1/volunteers/bind', { invitationCode: 'AB\u0000CD12' }],
    ['track with NUL in the query code', 'GET', '/api/v1/complaints/track?trackingNo=SA20261203-000001&queryCode=AB%00CD12', undefined],
    ['indicator records with NUL in the key', 'GET', '/api/v1/indicators/records?code=REOPEN&from=2026-01-01&to=2026-01-31&groupBy=street&key=1%00', undefined],
    ['queue limit 0x10', 'GET', '/api/v1/workbench/complaints?limit=0x10', undefined],
    ['inbox offset 1e3', 'GET', '/api/v1/me/notifications?offset=1e3', undefined],
    ['queue limit left empty', 'GET', '/api/v1/workbench/complaints?limit=', undefined],
  ];

  it.each(cases)('%s → 4xx with a Chinese message', async (_, method, path, body) => {
    const token = /^\/api\/v1\/(workbench|indicators)\//.test(path) ? staff : resident;
    const res = await app.request(method, path, { ...(body === undefined ? {} : { raw: JSON.stringify(body) }), token });
    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    expect(res.body.code).toMatch(/^[A-Z_]+$/);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
  });

  // Only plain decimal: 0x10, 0o20, 1.6e1, +16 and 16.0 were all read as business 16 (and its page shown).
  const spellings: [string, (id: number) => string][] = [
    ['hexadecimal', (id) => `0x${id.toString(16)}`],
    ['octal', (id) => `0o${id.toString(8)}`],
    ['exponent', (id) => `${id / 10}e1`],
    ['plus sign', (id) => `+${id}`],
    ['decimal point', (id) => `${id}.0`],
    ['leading space', (id) => `%20${id}`],
  ];
  it.each(spellings)('a business id in %s is refused as malformed, not read as the number', async (_, spell) => {
    const id = businessId;
    expect((await app.get(`/api/v1/businesses/${id}`, resident)).status).toBe(200);
    const res = await app.get(`/api/v1/businesses/${spell(id)}`, resident);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
