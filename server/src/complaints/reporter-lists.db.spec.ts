import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MyComplaintItem, Page, SimilarComplaint } from '@sa/contracts';
import { aUser } from '../../../test/support/builders';
import { aComplaintWorld, aReportBody } from '../../../test/support/complaint-world';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

/** What a resident meets on the report form (similar reports) and in 我的 (their own reports and those they support). */
describe('a resident’s own and supported reports through the HTTP API', () => {
  let app: TestApp;
  let business: { id: number; name: string };
  let t: { filer: string; supporter: string; stranger: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    ({ business } = await aComplaintWorld(app));
    await aUser().username('filer').named('张小梅').build(app.prisma);
    await aUser().username('supporter').named('刘洋').build(app.prisma);
    await aUser().username('stranger').named('赵敏').build(app.prisma);
    t = { filer: await app.login('filer'), supporter: await app.login('supporter'), stranger: await app.login('stranger') };
  });

  const file = async (token: string, over: Record<string, unknown> = {}) => {
    const res = await app.post('/api/v1/complaints', aReportBody(business, over), token);
    expect(res.status).toBe(201);
    return res.body as { id: number; trackingNo: string };
  };
  const similar = async (token?: string) => (await app.get<SimilarComplaint[]>(`/api/v1/complaints/similar?entityId=${business.id}`, token)).body;
  const mine = async (token: string, query = '') => (await app.get<Page<MyComplaintItem>>(`/api/v1/complaints/mine${query}`, token)).body;

  it('tells the filer which open report is their own, and a supporter which one they already support', async () => {
    const own = await file(t.filer);

    expect(await similar(t.filer)).toEqual([expect.objectContaining({ id: own.id, mine: true, supportedByMe: false })]);
    expect(await similar(t.supporter)).toEqual([expect.objectContaining({ id: own.id, mine: false, supportedByMe: false })]);
    // A guest is nobody in particular: nothing is theirs.
    expect(await similar()).toEqual([expect.objectContaining({ id: own.id, mine: false, supportedByMe: false })]);

    expect((await app.post(`/api/v1/complaints/${own.id}/me-too`, {}, t.supporter)).status).toBe(200);
    expect(await similar(t.supporter)).toEqual([expect.objectContaining({ id: own.id, mine: false, supportedByMe: true, supportCount: 1 })]);
    expect(await similar(t.stranger)).toEqual([expect.objectContaining({ supportedByMe: false })]);
  });

  it('lists the reports a resident supported beside their own, marked, without the reporter’s words or photos', async () => {
    const theirs = await file(t.filer, { description: '后厨地面积水，老鼠在纸箱旁边跑过' });
    const ownFirst = await file(t.supporter, { category: 'POOR_HYGIENE', description: '餐具消毒柜没有通电，碗筷直接摆放' });
    expect((await app.post(`/api/v1/complaints/${theirs.id}/me-too`, {}, t.supporter)).status).toBe(200);

    const page = await mine(t.supporter);
    expect(page.total).toBe(2);
    expect(page.items.map((i) => [i.id, i.relation])).toEqual([
      [ownFirst.id, 'OWN'],
      [theirs.id, 'SUPPORTED'],
    ]);
    const supported = page.items[1]!;
    expect(supported).toMatchObject({ trackingNo: theirs.trackingNo, statusLabel: expect.any(String), businessName: '李记小吃店', supportCount: 1 });
    expect(Date.parse((supported as { supportedAt: string }).supportedAt)).not.toBeNaN();
    const shown = JSON.stringify(supported);
    for (const secret of ['老鼠', '张小梅', '13812341234', 'photoIds', 'description']) expect(shown).not.toContain(secret);

    // The filer's own list is unchanged by someone else's 附议; a stranger's stays empty.
    expect((await mine(t.filer)).items.map((i) => [i.id, i.relation])).toEqual([[theirs.id, 'OWN']]);
    expect(await mine(t.stranger)).toEqual({ items: [], total: 0 });
  });

  it('pages through own and supported reports together', async () => {
    const filed = [];
    for (let i = 0; i < 3; i++) filed.push(await file(t.filer));
    for (const c of filed) await app.post(`/api/v1/complaints/${c.id}/me-too`, {}, t.supporter);
    const own = await file(t.supporter);

    const first = await mine(t.supporter, '?limit=2&offset=0');
    const rest = await mine(t.supporter, '?limit=2&offset=2');
    expect(first.total).toBe(4);
    expect([...first.items, ...rest.items].map((i) => i.id)).toEqual([own.id, filed[2]!.id, filed[1]!.id, filed[0]!.id]);
  });
});
