import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '@sa/contracts';
import { aUser, type World } from '../../../test/support/builders';
import { aComplaintWorld, aReportBody } from '../../../test/support/complaint-world';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { INDICATOR_DEFINITIONS } from '../indicators/indicator-definitions';

// 评议考核佐证材料 through the HTTP API, read back with exceljs, on the real 2026 calendar (国庆 1–7 October).
const shanghai = (local: string) => new Date(`${local}+08:00`);
const PATH = '/api/v1/workbench/evidence.xlsx';

describe('the evidence export', () => {
  let app: TestApp;
  let world: World;
  let business: { id: number; name: string };
  let t: { staff: string; staff2: string; admin: string; cadre: string; resident: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    let cadre: { id: number };
    ({ world, business, cadre } = await aComplaintWorld(app));
    await aUser().username('resident').named('张小梅').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').named('周明').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff2').named('吴倩').office(world.otherOffice).build(app.prisma);
    await aUser().role('ADMIN').username('admin').named('区食安办').build(app.prisma);
    await aUser().username('cadre').cadre(cadre).named('陈秀兰').build(app.prisma);
    t = { resident: await app.login('resident'), staff: await app.login('staff'), staff2: await app.login('staff2'), admin: await app.login('admin'), cadre: await app.login('cadre') };
  });

  const download = (query: string, token?: string) => fetch(`${app.baseUrl}${PATH}?${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const workbook = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    return wb;
  };
  const rows = (ws: ExcelJS.Worksheet) => {
    const out: string[][] = [];
    ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return out;
  };

  /** A 举报 resolved on 29 September, rated 差评 on the 30th, called back and rectified on 9 October, rated again. */
  const rectifiedCase = async () => {
    app.clock.travelTo(shanghai('2026-09-29T10:00:00'));
    const res = await app.post('/api/v1/complaints', aReportBody(business), t.resident);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const c = res.body as { id: number; trackingNo: string };
    for (const step of [
      { action: 'accept' },
      { action: 'startVerification' },
      { action: 'noCase', reason: '经现场核查未发现过期食品' },
      { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查，未发现您反映的过期食品。' },
    ]) {
      const r = await app.post(`/api/v1/workbench/complaints/${c.id}/actions`, step, t.staff);
      expect(r.status, `${step.action}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    app.clock.travelTo(shanghai('2026-09-30T15:00:00'));
    expect((await app.post(`/api/v1/complaints/${c.id}/rating`, { level: 2, tags: ['推诿'], comment: '冷柜里还是过期酸奶' }, t.resident)).status).toBe(201);
    const rect = await app.prisma.rectification.findUniqueOrThrow({ where: { complaintId: c.id } });
    app.clock.travelTo(shanghai('2026-10-09T10:00:00'));
    const cb = await app.post(`/api/v1/workbench/rectifications/${rect.id}/callbacks`, { calledAt: shanghai('2026-10-09T09:30:00').toISOString(), reached: true, reporterSaid: '希望加强检查' }, t.staff);
    expect(cb.status, JSON.stringify(cb.body)).toBe(201);
    const done = await app.post(`/api/v1/workbench/rectifications/${rect.id}/complete`, { actionTaken: '责令下架过期酸奶并建立临期食品台账' }, t.staff);
    expect(done.status, JSON.stringify(done.body)).toBeLessThan(300);
    app.clock.travelTo(shanghai('2026-10-10T10:00:00'));
    const again = await app.post(`/api/v1/complaints/${c.id}/rating`, { level: 4 }, t.resident);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    return c;
  };

  it('gives the admin one workbook: 概览, a sheet per indicator, 超期事项, 差评整改 and 满意度测评, each with a frozen Chinese header', async () => {
    const c = await rectifiedCase();
    // A 投诉 nobody decides: its ACCEPT deadline runs out and it is overdue on 20 October.
    app.clock.travelTo(shanghai('2026-10-12T10:00:00'));
    const late = await app.post('/api/v1/complaints', { ...aReportBody(business), kind: 'COMPLAINT' }, t.resident);
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    app.clock.travelTo(shanghai('2026-10-30T10:00:00'));

    const res = await download('from=2026-09-01&to=2026-10-30', t.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('评议考核佐证材料_2026-09-01_2026-10-30.xlsx')}`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"/);

    const wb = await workbook(res);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('概览');
    expect(names.slice(-3)).toEqual(['超期事项', '差评整改', '满意度测评']);
    expect(names).toHaveLength(1 + INDICATOR_CODES.length + 3);
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getColumn(1).width, ws.name).toBeGreaterThan(5);
    }

    const overview = rows(wb.getWorksheet('概览')!);
    expect(overview[0]).toEqual(['指标', '数值', '分子', '分母', '目标', '状态', '分子口径', '分母口径', '统计时段', '不计入', '最少样本']);
    expect(overview.slice(1, 1 + INDICATOR_CODES.length).map((r) => r[0])).toEqual(INDICATOR_CODES.map((code) => INDICATOR_DEFINITIONS[code].name));
    // The one first rating is a 差评: 0 of 1 satisfied, below the minimum sample (no 0 % judged), and callback 1/1.
    const satisfaction = overview.find((r) => r[0] === INDICATOR_DEFINITIONS.RATING_SATISFACTION.name)!;
    expect(satisfaction.slice(2, 4)).toEqual(['0', '1']);
    expect(satisfaction[5]).toBe('样本不足');
    const callback = overview.find((r) => r[0] === INDICATOR_DEFINITIONS.CALLBACK.name)!;
    expect(callback.slice(1, 4)).toEqual(['100.0%', '1', '1']);
    // An indicator without any record in the period is a dash, never 0 % or 100 %.
    for (const r of overview.slice(1, 1 + INDICATOR_CODES.length)) if (r[3] === '0') expect([r[0], r[1], r[5]]).toEqual([r[0], '—', '暂无数据']);

    const callbackSheet = wb.worksheets.find((w) => w.name.endsWith(INDICATOR_DEFINITIONS.CALLBACK.name.slice(0, 28)))!;
    const callbackRows = rows(callbackSheet);
    expect(callbackRows[0]).toEqual(['类别', '编号', '事项', '日期', '计入分子', '说明']);
    expect(callbackRows[1]!.slice(0, 2)).toEqual(['数值', '100.0%']);
    expect(callbackRows.slice(2).some((r) => r[1] === c.trackingNo && r[4] === '是')).toBe(true);

    const overdue = rows(wb.getWorksheet('超期事项')!);
    expect(overdue[0]).toEqual(['编号', '时限', '起算日', '到期日', '完成时间', '超期情况', '经营主体', '监管所', '包保干部']);
    expect(overdue.slice(1).find((r) => r[0] === (late.body as { trackingNo: string }).trackingNo)).toMatchObject({ 1: '受理期限', 5: '超期未完成', 7: world.office.name });
    expect(overdue.slice(1).some((r) => r[0] === c.trackingNo)).toBe(false);

    const rect = rows(wb.getWorksheet('差评整改')!);
    expect(rect[0]).toEqual(['编号', '评价时间', '评价', '评价内容', '整改状态', '整改期限', '回访记录', '整改措施', '完成时间', '再次评价']);
    expect(rect[1]).toEqual([
      c.trackingNo,
      '2026-09-30 15:00',
      '2 不满意',
      '推诿；冷柜里还是过期酸奶',
      '已整改',
      '2026-10-13',
      '2026-10-09 09:30 周明 已联系上：希望加强检查',
      '责令下架过期酸奶并建立临期食品台账',
      '2026-10-09 10:00',
      '4 满意（2026-10-10）',
    ]);
    expect(rows(wb.getWorksheet('满意度测评')!)[1]![0]).toBe('本统计区间内没有满意度测评');
  });

  it('gives an office its own cases only', async () => {
    const c = await rectifiedCase();
    app.clock.travelTo(shanghai('2026-10-30T10:00:00'));
    const own = rows((await workbook(await download('from=2026-09-01&to=2026-10-30', t.staff))).getWorksheet('差评整改')!);
    expect(own[1]![0]).toBe(c.trackingNo);
    const other = rows((await workbook(await download('from=2026-09-01&to=2026-10-30', t.staff2))).getWorksheet('差评整改')!);
    expect(other.slice(1)).toEqual([['本统计区间内没有差评']]);
  });

  it('refuses residents, cadres, guests and a bad period in Chinese', async () => {
    app.clock.travelTo(shanghai('2026-10-30T10:00:00'));
    for (const token of [t.resident, t.cadre]) expect((await download('from=2026-09-01&to=2026-10-30', token)).status).toBe(403);
    expect((await download('from=2026-09-01&to=2026-10-30')).status).toBe(401);
    const backwards = await download('from=2026-10-30&to=2026-09-01', t.admin);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(await backwards.json())).toContain('结束日期不能早于开始日期');
    const garbage = await download('from=yesterday&to=2026-09-01', t.admin);
    expect(garbage.status).toBe(400);
  });
});
