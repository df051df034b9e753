import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SamplingBatchList, SamplingBatchView, WorkbenchQueue } from '@sa/contracts';
import { aBusiness, aUser, type World } from '../../../test/support/builders';
import { aComplaintWorld } from '../../../test/support/complaint-world';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

// 抽检登记 through the HTTP API, standing on Friday 9 October 2026 (after National Day; Saturday 10 October is worked).
const shanghai = (local: string) => new Date(`${local}+08:00`);
const PATH = '/api/v1/workbench/sampling-batches';

describe('sampling batches', () => {
  let app: TestApp;
  let world: World;
  let business: { id: number; name: string };
  let cadre: { id: number };
  let elsewhere: { id: number; name: string };
  let t: { staff: string; otherStaff: string; admin: string; cadre: string; resident: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    ({ world, business, cadre } = await aComplaintWorld(app));
    elsewhere = await aBusiness().named('西河便利店').in(world.otherCommunity).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('office1').named('周明').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('office2').named('吴芳').office(world.otherOffice).build(app.prisma);
    await aUser().role('ADMIN').username('admin').named('区食安办').build(app.prisma);
    await aUser().username('cadre').named('陈秀兰').cadre(cadre).build(app.prisma);
    await aUser().username('resident').named('林晓燕').build(app.prisma);
    t = {
      staff: await app.login('office1'),
      otherStaff: await app.login('office2'),
      admin: await app.login('admin'),
      cadre: await app.login('cadre'),
      resident: await app.login('resident'),
    };
    app.clock.travelTo(shanghai('2026-10-09T10:00:00'));
  });

  const batch = (over: Record<string, unknown> = {}) => ({
    batchNo: 'NCP20261009001',
    sampledOn: '2026-10-08',
    businessId: business.id,
    product: '散装豆腐',
    foodCategory: '豆制品',
    result: 'QUALIFIED',
    ...over,
  });
  const record = (body: Record<string, unknown>, token = t.staff) => app.post<SamplingBatchView>(PATH, body, token);

  it('records a qualified batch without opening a case', async () => {
    const res = await record(batch());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      batchNo: 'NCP20261009001',
      sampledOn: '2026-10-08',
      business: { id: business.id, name: '李记小吃店' },
      street: { id: world.street.id, name: world.street.name },
      product: '散装豆腐',
      foodCategory: '豆制品',
      result: 'QUALIFIED',
      failedItem: null,
      complaint: null,
    });
    expect(await app.prisma.complaint.count()).toBe(0);
  });

  it('opens a 举报-like case for an unqualified batch, routed to the office and cadre with its 核查 deadline', async () => {
    const res = await record(batch({ result: 'UNQUALIFIED', failedItem: '苯甲酸及其钠盐（以苯甲酸计）超标' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.failedItem).toBe('苯甲酸及其钠盐（以苯甲酸计）超标');
    expect(res.body.complaint).toMatchObject({ status: 'SUBMITTED', statusLabel: '已提交' });
    const id = res.body.complaint!.id;

    const c = await app.prisma.complaint.findUniqueOrThrow({ where: { id }, include: { deadlines: true, events: true, routings: true } });
    expect(c).toMatchObject({ kind: 'REPORT', origin: 'SAMPLING', reporterUserId: null, anonymous: true, businessId: business.id, officeId: world.office.id, cadreId: cadre.id });
    expect(c.trackingNo).toBe(res.body.complaint!.trackingNo);
    expect(c.trackingNo).toMatch(/^SA20261009-\d{6}$/);
    expect(c.description).toContain('散装豆腐');
    expect(c.description).toContain('NCP20261009001');
    // 核查 15 working days from 9 October, not counted: 10 (Saturday, worked), 12–16, 19–23, 26–29 October.
    expect(c.deadlines.map((d) => [d.kind, d.dueDate.toISOString().slice(0, 10)])).toEqual([['VERIFY', '2026-10-29']]);
    expect(c.routings.map((r) => r.rule)).toEqual(['KNOWN_BUSINESS']);
    const staff = await app.prisma.user.findUniqueOrThrow({ where: { username: 'office1' } });
    expect(c.events.map((e) => [e.action, e.toStatus, e.actorUserId, e.actorRole])).toEqual([['submit', 'SUBMITTED', staff.id, 'OFFICE_STAFF']]);

    // In the handling office's queue and detail, told to the office and the cadre; not in the other office's queue.
    const queue = await app.get<WorkbenchQueue>('/api/v1/workbench/complaints', t.staff);
    expect(queue.body.items.map((i) => i.id)).toContain(id);
    expect((await app.get(`/api/v1/workbench/complaints/${id}`, t.staff)).status).toBe(200);
    expect((await app.get<WorkbenchQueue>('/api/v1/workbench/complaints', t.otherStaff)).body.items.map((i) => i.id)).not.toContain(id);
    for (const token of [t.staff, t.cadre]) {
      const inbox = await app.get('/api/v1/me/notifications', token);
      expect(inbox.body.items.some((n: { title: string; body: string }) => n.body.includes(c.trackingNo)), JSON.stringify(inbox.body)).toBe(true);
    }

    // The list links the batch to its case.
    const list = await app.get<SamplingBatchList>(PATH, t.staff);
    expect(list.body.items.map((b) => [b.batchNo, b.complaint?.id])).toEqual([['NCP20261009001', id]]);
  });

  it('refuses a taken number, a date after today, an unknown business and an unqualified batch without its failed item', async () => {
    expect((await record(batch())).status).toBe(201);
    const taken = await record(batch({ sampledOn: '2026-10-09' }));
    expect([taken.status, taken.body.code, taken.body.message]).toEqual([409, 'BATCH_NO_TAKEN', '抽样单编号已存在']);

    const future = await record(batch({ batchNo: 'NCP20261010001', sampledOn: '2026-10-10' }));
    expect([future.status, future.body.code, future.body.message]).toEqual([400, 'SAMPLING_DATE_IN_FUTURE', '抽样日期不能晚于今天']);

    const unknown = await record(batch({ batchNo: 'NCP20261009002', businessId: 999_999 }));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(unknown.body.message).toContain('经营主体不存在');

    const noItem = await record(batch({ batchNo: 'NCP20261009003', result: 'UNQUALIFIED' }));
    expect([noItem.status, noItem.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(noItem.body.message).toContain('不合格批次须填写不合格项目');

    const category = await record(batch({ batchNo: 'NCP20261009004', foodCategory: '宠物食品' }));
    expect([category.status, category.body.message]).toEqual([400, expect.stringContaining('食品类别不在清单中')]);

    // Nothing but the first batch was written, and no case was opened.
    expect(await app.prisma.samplingBatch.count()).toBe(1);
    expect(await app.prisma.complaint.count()).toBe(0);
  });

  it('lets office staff record and list only their office’s businesses; the admin all; others not at all', async () => {
    const foreign = await record(batch({ businessId: elsewhere.id }), t.staff);
    expect([foreign.status, foreign.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(foreign.body.message).toContain('不在本所辖区');
    expect((await record(batch(), t.cadre)).status).toBe(403);
    expect((await record(batch(), t.resident)).status).toBe(403);

    expect((await record(batch({ batchNo: 'NCP-A-001', sampledOn: '2026-09-01' }), t.staff)).status).toBe(201);
    expect((await record(batch({ batchNo: 'NCP-A-002', result: 'UNQUALIFIED', failedItem: '大肠菌群超标', product: '凉拌菜', foodCategory: '餐饮食品' }), t.staff)).status).toBe(201);
    expect((await record(batch({ batchNo: 'NCP-B-001', businessId: elsewhere.id, product: '瓶装饮用水', foodCategory: '饮料' }), t.otherStaff)).status).toBe(201);
    expect((await record(batch({ batchNo: 'NCP-B-002', businessId: elsewhere.id, result: 'UNQUALIFIED', failedItem: '铜绿假单胞菌', product: '桶装水', foodCategory: '饮料' }), t.admin)).status).toBe(201);

    const nos = async (query: string, token: string) => {
      const res = await app.get<SamplingBatchList>(`${PATH}${query}`, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return [res.body.total, res.body.items.map((b) => b.batchNo)];
    };
    expect(await nos('', t.staff)).toEqual([2, ['NCP-A-002', 'NCP-A-001']]);
    expect(await nos('', t.otherStaff)).toEqual([2, ['NCP-B-002', 'NCP-B-001']]);
    expect(await nos('', t.admin)).toEqual([4, ['NCP-B-002', 'NCP-B-001', 'NCP-A-002', 'NCP-A-001']]);
    expect(await nos('?result=UNQUALIFIED', t.admin)).toEqual([2, expect.arrayContaining(['NCP-A-002', 'NCP-B-002'])]);
    expect(await nos('?from=2026-10-01&to=2026-10-09', t.staff)).toEqual([1, ['NCP-A-002']]);
    expect(await nos('?q=凉拌', t.staff)).toEqual([1, ['NCP-A-002']]);
    expect(await nos('?q=西河便利', t.admin)).toEqual([2, expect.arrayContaining(['NCP-B-001', 'NCP-B-002'])]);
    expect(await nos('?limit=1&offset=1', t.staff)).toEqual([2, ['NCP-A-001']]);
    expect((await app.get(PATH, t.cadre)).status).toBe(403);
    const badRange = await app.get(`${PATH}?from=2026-10-09&to=2026-10-01`, t.staff);
    expect([badRange.status, badRange.body.message]).toEqual([400, '开始日期不能晚于结束日期']);

    // The other office's unqualified case went to the other office, though the admin recorded it.
    const b2 = await app.prisma.samplingBatch.findUniqueOrThrow({ where: { batchNo: 'NCP-B-002' }, include: { complaint: true } });
    expect(b2.complaint).toMatchObject({ officeId: world.otherOffice.id, origin: 'SAMPLING' });
  });
});
