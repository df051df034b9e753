import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { aMe, anUpload, someAreas } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { fieldIn, typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { aCadre, aDeadline, aQueue, aQueueItem, aTemplate, aWorkbenchComplaint } from './test-builders';
import WorkbenchPage from './index';

type Handler = (req: SentRequest) => { statusCode: number; data?: unknown } | undefined;

/** A fake server from "METHOD /path" → answer; /api/v1/me answers the signed-in user. */
function server(me: Me | null, routes: Record<string, Handler>): SentRequest[] {
  return serve((req) => {
    const key = `${req.method} ${path(req)}`;
    if (key === 'GET /api/v1/me') return me ? { statusCode: 200, data: me } : { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };
    if (key === 'GET /api/v1/areas') return { statusCode: 200, data: someAreas() };
    if (key === 'GET /api/v1/cadres' && !routes[key]) return { statusCode: 200, data: { items: [], total: 0 } };
    return routes[key]?.(req);
  });
}

const ok = (data: unknown) => () => ({ statusCode: 200, data });
const query = (req: SentRequest) => Object.fromEntries(new URL(req.url).searchParams);
const sentTo = (sent: SentRequest[], method: string, p: string) => sent.filter((r) => r.method === method && path(r) === p);

async function signedIn() {
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
}

const staff = aMe({ id: 9, displayName: '东湖所 王科员', role: 'OFFICE_STAFF', officeId: 1 });
const cadre = aMe({ id: 12, displayName: '李社区', role: 'CADRE', cadreId: 7 });

const overdueRow = aQueueItem({ id: 1, trackingNo: 'SA20261120-000001', overdue: true, nextDeadline: aDeadline({ overdue: true, workingDaysLeft: -3 }) });
const soonRow = aQueueItem({ id: 2, trackingNo: 'SA20261125-000002', dueSoon: true, byVolunteer: true, nextDeadline: aDeadline({ workingDaysLeft: 2 }) });
const plainRow = aQueueItem({ id: 3, trackingNo: 'SA20261129-000003' });
const queue = aQueue([overdueRow, soonRow, plainRow], {
  total: 45,
  counts: { overdue: 1, dueSoon: 1, byStatus: { SUBMITTED: 2, VERIFYING: 40, CASE_FILED: 3 } },
});

const click = (element: Element) => act(() => (element as HTMLElement).click());
const press = (element: Element, key = 'Enter') => act(() => void fireEvent.keyDown(element, { key }));
const rowOf = (trackingNo: string) => screen.getByText(trackingNo).closest('.wb-row') as HTMLElement;

async function openDetail(trackingNo: string) {
  const row = await waitFor(() => rowOf(trackingNo));
  press(row);
}

beforeEach(() => {
  Object.assign(Taro, { redirectTo: vi.fn(async () => ({ errMsg: 'redirectTo:ok' })), downloadFile: vi.fn(async ({ url }: { url: string }) => ({ statusCode: 200, tempFilePath: `blob:${url}` })) });
});

describe('工作台 queue', () => {
  it('shows the counts, overdue rows in red with working days over and due-soon rows in amber with days left', async () => {
    const sent = server(staff, { 'GET /api/v1/workbench/complaints': ok(queue) });
    await signedIn();
    const { container } = render(<WorkbenchPage />);

    await screen.findByText('SA20261120-000001');
    expect(screen.getByText('超期 1')).toBeTruthy();
    expect(screen.getByText('即将到期 1')).toBeTruthy();
    expect(screen.getByText('核查中 40')).toBeTruthy();
    expect(screen.getByText('已立案 3')).toBeTruthy();

    const overdue = rowOf('SA20261120-000001');
    expect(overdue.className).toContain('wb-row-overdue');
    expect(within(overdue).getByText('超期 3 个工作日').className).toContain('wb-due-overdue');
    const soon = rowOf('SA20261125-000002');
    expect(soon.className).toContain('wb-row-soon');
    expect(within(soon).getByText('剩 2 个工作日').className).toContain('wb-due-soon');
    expect(within(soon).getByText('社会监督员')).toBeTruthy();
    expect(within(rowOf('SA20261129-000003')).queryByText('社会监督员')).toBeNull();
    expect(screen.getByText('第 1/3 页（共 45 件）')).toBeTruthy();
    expect(container.querySelector('.wb-row[role="button"][tabindex="0"]')).toBeTruthy();
    expect(query(sentTo(sent, 'GET', '/api/v1/workbench/complaints')[0]!)).toEqual({ limit: '20', offset: '0' });
  });

  it('marks a row whose nearest limit runs into a year without an official schedule as 暂估, in words', async () => {
    const provisionalRow = aQueueItem({
      id: 4,
      trackingNo: 'SA20261221-000004',
      nextDeadline: aDeadline({ dueDate: '2027-01-11', workingDaysLeft: 14, provisional: true }),
    });
    server(staff, { 'GET /api/v1/workbench/complaints': ok(aQueue([provisionalRow, plainRow])) });
    await signedIn();
    render(<WorkbenchPage />);

    await screen.findByText('SA20261221-000004');
    const due = rowOf('SA20261221-000004').querySelector('.wb-due')!;
    expect(due.textContent).toBe('剩 14 个工作日（暂估，节假日安排未公布）');
    expect(within(rowOf('SA20261129-000003')).queryByText(/暂估/)).toBeNull();
  });

  it('sends the chosen filters, a status chip and the next page to the server', async () => {
    const sent = server(staff, { 'GET /api/v1/workbench/complaints': ok(queue) });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await screen.findByText('SA20261120-000001');

    click(screen.getByText('更多筛选'));
    fireEvent.change(container.querySelector('select.wb-filter-kind')!, { target: { value: 'COMPLAINT' } });
    fireEvent.change(container.querySelector('select.wb-filter-street')!, { target: { value: '20' } });
    fireEvent.change(container.querySelector('input.wb-filter-from')!, { target: { value: '2026-11-01' } });
    press(screen.getByText('仅看社会监督员反映').closest('[role="checkbox"]')!, ' ');
    await waitFor(() =>
      expect(query(sentTo(sent, 'GET', '/api/v1/workbench/complaints').at(-1)!)).toEqual({
        kind: 'COMPLAINT',
        streetId: '20',
        receivedFrom: '2026-11-01',
        volunteerOnly: 'true',
        limit: '20',
        offset: '0',
      }),
    );

    click(screen.getByText('核查中 40'));
    await waitFor(() => expect(query(sentTo(sent, 'GET', '/api/v1/workbench/complaints').at(-1)!).status).toBe('VERIFYING'));
    click(screen.getByText('下一页'));
    await waitFor(() => expect(query(sentTo(sent, 'GET', '/api/v1/workbench/complaints').at(-1)!).offset).toBe('20'));

    await typeInto(container, 'wb-tracking-search', 'sa20261120');
    click(screen.getByText('查找'));
    await waitFor(() => {
      const last = query(sentTo(sent, 'GET', '/api/v1/workbench/complaints').at(-1)!);
      expect(last.trackingNo).toBe('SA20261120');
      expect(last.offset).toBe('0');
    });
  });
});

describe('工作台 complaint detail', () => {
  const detail = aWorkbenchComplaint({
    id: 1,
    trackingNo: 'SA20261120-000001',
    photoIds: [anUpload().id],
    supportCount: 4,
    linked: { id: 77, trackingNo: 'SA20261120-000077', kind: 'COMPLAINT', status: 'ACCEPTED', statusLabel: '已受理' },
    deadlines: [
      aDeadline({ kind: 'ACCEPT', days: 7, dueDate: '2026-12-09', state: 'MET', metAt: '2026-12-01T02:00:00.000Z', workingDaysLeft: null }),
      aDeadline({ kind: 'VERIFY', days: 15, dueDate: '2027-01-05', workingDaysLeft: -2, overdue: true, provisional: true }),
    ],
    trail: [
      { at: '2026-11-30T01:30:00.000Z', actorRole: 'RESIDENT', actorName: null, action: 'submit', actionLabel: '提交', from: null, to: 'SUBMITTED', reason: null, payload: null },
      { at: '2026-12-01T02:00:00.000Z', actorRole: 'OFFICE_STAFF', actorName: '东湖所 王科员', action: 'accept', actionLabel: '受理', from: 'SUBMITTED', to: 'ACCEPTED', reason: null, payload: null },
    ],
  });

  it('opens a row with Enter and shows deadlines, the trail, the linked half, photos and the routing reason', async () => {
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(detail),
      'GET /api/v1/workbench/complaints/77': ok(aWorkbenchComplaint({ id: 77, trackingNo: 'SA20261120-000077', kind: 'COMPLAINT' })),
    });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    await screen.findByText('后厨地面有积水，操作间苍蝇很多，餐具没有消毒。');
    const deadlines = container.querySelector('.wb-deadlines') as HTMLElement;
    expect(within(deadlines).getByText('受理期限')).toBeTruthy();
    expect(within(deadlines).getByText('已按期完成（2026-12-01）')).toBeTruthy();
    expect(within(deadlines).getByText('核查期限')).toBeTruthy();
    expect(within(deadlines).getByText('超期 2 个工作日')).toBeTruthy();
    expect(within(deadlines).getByText('（暂估，节假日安排未公布）')).toBeTruthy();
    const trail = container.querySelector('.wb-trail') as HTMLElement;
    expect(within(trail).getByText('受理')).toBeTruthy();
    expect(trail.textContent).toContain('东湖所 王科员');
    expect(trail.textContent).toContain('群众');
    expect(trail.textContent).toContain('已提交 → 已受理');
    expect(screen.getByText('分派理由：经营主体所在街道由东湖市场监管所管辖')).toBeTruthy();
    expect(screen.getByText('附议：4 人')).toBeTruthy();
    expect(container.querySelector('.wb-grade')?.textContent).toBe('C级 · 小型');

    // The photo, full size, and closed again with Esc.
    const thumb = await waitFor(() => screen.getByLabelText('查看第 1 张照片大图'));
    press(thumb);
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(Taro.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ header: { Authorization: 'Bearer tok' } }));
    act(() => void fireEvent.keyDown(document, { key: 'Escape' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    press(screen.getByText(/同一次提交的投诉：SA20261120-000077/));
    await waitFor(() => expect(sentTo(sent, 'GET', '/api/v1/workbench/complaints/77')).toHaveLength(1));
  });

  it('fetches the reporter’s contact only when 查看联系方式 is pressed', async () => {
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(detail),
      'GET /api/v1/workbench/complaints/1/contact': ok({ name: '张三', phone: '13800000001', address: '东湖路 8 号 3 栋' }),
    });
    await signedIn();
    render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    await screen.findByText('电话：138****0001');
    expect(sentTo(sent, 'GET', '/api/v1/workbench/complaints/1/contact')).toHaveLength(0);
    click(screen.getByText('查看联系方式'));
    expect(await screen.findByText('电话：13800000001')).toBeTruthy();
    expect(screen.getByText('通讯地址：东湖路 8 号 3 栋')).toBeTruthy();
    expect(sentTo(sent, 'GET', '/api/v1/workbench/complaints/1/contact')).toHaveLength(1);
  });

  it('shows 匿名举报人 for an anonymous report and offers no contact', async () => {
    server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok({ ...detail, reporter: { anonymous: true, label: '匿名举报人' } }),
    });
    await signedIn();
    render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    expect(await screen.findByText('匿名举报人')).toBeTruthy();
    expect(screen.queryByText('查看联系方式')).toBeNull();
  });
});

describe('工作台 action forms', () => {
  const submitted = aWorkbenchComplaint({ id: 1, trackingNo: 'SA20261120-000001', actions: ['accept', 'reject', 'transfer'] });

  it('rejects with the statutory reason and the reply, after refusing a form without the reason', async () => {
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(submitted),
      'POST /api/v1/workbench/complaints/1/actions': ok({ ...submitted, status: 'REJECTED', statusLabel: '不予受理', actions: [] }),
    });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    click(await screen.findByText('不予受理', { selector: '.wb-action, .wb-action *' }));
    click(screen.getByText('确认不予受理'));
    expect(await screen.findByText('请选择不予受理的法定理由')).toBeTruthy();
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(0);

    press(screen.getByText('不属于市场监督管理部门职责或本机关管辖').closest('[role="radio"]')!);
    await typeInto(container, 'wb-reply', '您反映的问题不属于本局管辖，建议向区卫生健康局反映。');
    const queueLoads = sentTo(sent, 'GET', '/api/v1/workbench/complaints').length;
    click(screen.getByText('确认不予受理'));

    await waitFor(() => expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(1));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')[0]!.data).toEqual({
      action: 'reject',
      rejectReason: 'NOT_OUR_REMIT',
      reply: '您反映的问题不属于本局管辖，建议向区卫生健康局反映。',
    });
    expect(await screen.findByText('状态：不予受理')).toBeTruthy();
    await waitFor(() => expect(sentTo(sent, 'GET', '/api/v1/workbench/complaints').length).toBe(queueLoads + 1));
  });

  it('resolves with the outcome’s template as the start of a reply the user edits', async () => {
    const mediated = aWorkbenchComplaint({ id: 1, trackingNo: 'SA20261120-000001', kind: 'COMPLAINT', status: 'MEDIATED', statusLabel: '调解成功', actions: ['resolve'] });
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(mediated),
      'GET /api/v1/workbench/reply-templates': ok([aTemplate(), aTemplate({ outcome: 'NO_VIOLATION', label: '未发现违法行为', body: '经现场核查，未发现您反映的违法行为。' })]),
      'POST /api/v1/workbench/complaints/1/actions': ok({ ...mediated, status: 'RESOLVED', statusLabel: '已办结', actions: [] }),
    });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    click(await screen.findByText('办结并答复', { selector: '.wb-action, .wb-action *' }));
    await waitFor(() => expect(sentTo(sent, 'GET', '/api/v1/workbench/reply-templates')).toHaveLength(1));
    press(screen.getByText('未发现违法行为').closest('[role="radio"]')!);
    const reply = await fieldIn(container, 'wb-reply');
    await waitFor(() => expect(reply.value).toBe('经现场核查，未发现您反映的违法行为。'));
    await typeInto(container, 'wb-reply', `${reply.value}如有疑问请致电 020-81110001。`);
    click(screen.getByText('确认办结并答复'));

    await waitFor(() => expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(1));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')[0]!.data).toEqual({
      action: 'resolve',
      outcome: 'NO_VIOLATION',
      reply: '经现场核查，未发现您反映的违法行为。如有疑问请致电 020-81110001。',
    });
  });

  it('records the penalty decision, checks it first, and shows the server’s message in Chinese', async () => {
    const filed = aWorkbenchComplaint({ id: 1, trackingNo: 'SA20261120-000001', status: 'CASE_FILED', statusLabel: '已立案', actions: ['decideCase', 'extendCase'] });
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(filed),
      'POST /api/v1/workbench/complaints/1/actions': () => ({ statusCode: 409, data: { code: 'DECISION_NO_TAKEN', message: '该决定书文号已被使用' } }),
    });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    click(await screen.findByText('记录处理决定', { selector: '.wb-action, .wb-action *' }));
    await typeInto(container, 'wb-decision-no', '示范市监处罚〔2026〕12号');
    await typeInto(container, 'wb-violation', '经营过期食品');
    await typeInto(container, 'wb-legal-basis', '《中华人民共和国食品安全法》第一百二十四条');
    await typeInto(container, 'wb-penalty-content', '没收过期食品，罚款五千元');
    press(screen.getByText('罚款').closest('[role="checkbox"]')!);
    fireEvent.change(container.querySelector('input.wb-decision-date')!, { target: { value: '2026-12-10' } });
    click(screen.getByText('确认记录处理决定'));

    // An organisation needs its credit code; a fine needs its amount: said by the fields, nothing sent.
    expect(await screen.findByText('法人或其他组织须填写统一社会信用代码')).toBeTruthy();
    expect(screen.getByText('处以罚款的须填写罚款金额')).toBeTruthy();
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(0);

    await typeInto(container, 'wb-credit-code', '91440101MA5CABCD1X');
    await typeInto(container, 'wb-fine', '5000');
    click(screen.getByText('确认记录处理决定'));

    await waitFor(() => expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(1));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')[0]!.data).toMatchObject({
      action: 'decideCase',
      decision: {
        type: 'PENALTY',
        decisionNo: '示范市监处罚〔2026〕12号',
        partyKind: 'ORGANISATION',
        partyName: '老街面馆',
        partyCreditCode: '91440101MA5CABCD1X',
        violationType: '经营过期食品',
        legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
        penaltyContent: '没收过期食品，罚款五千元',
        penaltyKinds: ['FINE'],
        fineAmount: 5000,
        confiscationAmount: 0,
        decisionDate: '2026-12-10',
      },
    });
    expect(await screen.findByText('该决定书文号已被使用')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该决定书文号已被使用' }));
  });

  it('says the ID number of a natural person is stored encrypted', async () => {
    const filed = aWorkbenchComplaint({ id: 1, trackingNo: 'SA20261120-000001', status: 'CASE_FILED', statusLabel: '已立案', actions: ['decideCase'] });
    server(staff, { 'GET /api/v1/workbench/complaints': ok(queue), 'GET /api/v1/workbench/complaints/1': ok(filed) });
    await signedIn();
    render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    click(await screen.findByText('记录处理决定', { selector: '.wb-action, .wb-action *' }));
    expect(screen.queryByText('统一社会信用代码')).toBeTruthy();
    press(screen.getByText('自然人').closest('[role="radio"]')!);
    expect(await screen.findByText('身份证号码加密保存，任何页面都不会显示，也不会公示。')).toBeTruthy();
    expect(screen.queryByText('统一社会信用代码')).toBeNull();
  });
});

describe('工作台 转办 and 延期', () => {
  it('transfers a 价格 complaint to the department it names, after refusing an empty department and reply', async () => {
    const price = aWorkbenchComplaint({ id: 1, trackingNo: 'SA20261120-000001', kind: 'COMPLAINT', category: 'PRICE', actions: ['accept', 'reject', 'transfer'] });
    const reply = '您反映的价格问题不属于本局职责，已转区发展和改革局办理，请留意其答复。';
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(price),
      'POST /api/v1/workbench/complaints/1/actions': ok({ ...price, status: 'TRANSFERRED', statusLabel: '已转办', transferTo: '区发展和改革局', actions: [] }),
    });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    click(await screen.findByText('转办', { selector: '.wb-action, .wb-action *' }));
    // The category's own department is offered to start from.
    expect((await fieldIn(container, 'wb-transfer-to')).value).toBe('区发展和改革局（价格主管部门）');
    await typeInto(container, 'wb-transfer-to', ' ');
    click(screen.getByText('确认转办'));
    expect(await screen.findByText('请填写承办部门')).toBeTruthy();
    expect(screen.getByText('请填写答复内容（至少 5 个字）')).toBeTruthy();
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(0);

    await typeInto(container, 'wb-transfer-to', '区发展和改革局');
    await typeInto(container, 'wb-reply', reply);
    click(screen.getByText('确认转办'));

    await waitFor(() => expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(1));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')[0]!.data).toEqual({ action: 'transfer', transferTo: '区发展和改革局', reply });
    expect(await screen.findByText('状态：已转办')).toBeTruthy();
    expect(screen.getByText('转办部门：区发展和改革局')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已转办' }));
  });

  it.each([
    {
      action: 'extendVerification' as const,
      status: 'VERIFYING' as const,
      label: '核查延期',
      field: '延期理由',
      before: aDeadline({ kind: 'VERIFY', days: 15, dueDate: '2026-12-21' }),
      after: aDeadline({ kind: 'VERIFY', days: 30, dueDate: '2027-01-12', workingDaysLeft: 23 }),
      shown: ['核查期限', '（30 个工作日，自 2026-11-30 起）', '截止：2027-01-12 24:00 前', '剩 23 个工作日'],
    },
    {
      action: 'extendCase' as const,
      status: 'CASE_FILED' as const,
      label: '办案期限延长',
      field: '延长办案期限的理由（须经批准）',
      before: aDeadline({ kind: 'CASE_DECISION', days: 90, unit: 'CALENDAR_DAYS', dueDate: '2027-02-28', workingDaysLeft: null }),
      after: aDeadline({ kind: 'CASE_DECISION', days: 120, unit: 'CALENDAR_DAYS', dueDate: '2027-03-30', workingDaysLeft: null }),
      shown: ['处罚决定期限', '（120 日（自然日），自 2026-11-30 起）', '截止：2027-03-30 24:00 前'],
    },
  ])('$label: asks for the reason, sends it, and shows the longer deadline and the reason in the trail', async ({ action, status, label, field, before, after, shown }) => {
    const reason = '需调取监控录像并等待食品检验报告';
    const open = aWorkbenchComplaint({ id: 1, trackingNo: 'SA20261120-000001', status, actions: [action], deadlines: [before] });
    const extended = {
      ...open,
      actions: [],
      deadlines: [after],
      trail: [...open.trail, { at: '2026-12-02T02:00:00.000Z', actorRole: 'OFFICE_STAFF', actorName: '东湖所 王科员', action, actionLabel: label, from: status, to: status, reason, payload: null }],
    };
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(open),
      'POST /api/v1/workbench/complaints/1/actions': ok(extended),
    });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    click(await screen.findByText(label, { selector: '.wb-action, .wb-action *' }));
    const form = container.querySelector(`.wb-form-${action}`) as HTMLElement;
    expect(within(form).getByText(field, { selector: '.field-label' })).toBeTruthy();
    expect((await fieldIn(form, 'wb-reason')).getAttribute('aria-label')).toBe(field);
    click(within(form).getByText(`确认${label}`));
    expect(await within(form).findByText('请填写理由（至少 2 个字）')).toBeTruthy();
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(0);

    await typeInto(form, 'wb-reason', reason);
    click(within(form).getByText(`确认${label}`));

    await waitFor(() => expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')).toHaveLength(1));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/actions')[0]!.data).toEqual({ action, reason });
    const deadlines = container.querySelector('.wb-deadlines') as HTMLElement;
    await waitFor(() => expect(deadlines.textContent).toContain(after.dueDate));
    for (const text of shown) expect(deadlines.textContent).toContain(text);
    expect(deadlines.textContent).not.toContain(before.dueDate);
    expect(within(container.querySelector('.wb-trail') as HTMLElement).getByText(reason)).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: `已${label}` }));
  });
});

describe('工作台 改派', () => {
  const detail = aWorkbenchComplaint({ id: 1, trackingNo: 'SA20261120-000001', canReroute: true });
  const westCadre = aCadre({ id: 21, name: '王建国', title: '西岭街道党工委副书记', area: { id: 20, name: '西岭街道', kind: 'STREET' } });
  const reason = '经营主体实际位于西岭街道，应由西岭市场监管所办理';
  const cadres = (req: SentRequest) => ({ statusCode: 200, data: query(req).q === '王' ? { items: [westCadre], total: 1 } : { items: [], total: 0 } });

  async function openReroute() {
    click(await screen.findByText('改派监管所或包保干部'));
    return screen.findByRole('group', { name: '改派' });
  }

  it('sends the chosen office, the cadre found by name and the reason, which it asks for first, and shows the new handling', async () => {
    const rerouted = {
      ...detail,
      office: { id: 2, name: '西岭市场监管所' },
      cadre: { id: 21, name: '王建国', tier: 'STREET' as const, title: '西岭街道党工委副书记' },
      trail: [...detail.trail, { at: '2026-12-01T02:00:00.000Z', actorRole: 'OFFICE_STAFF', actorName: '东湖所 王科员', action: 'reroute', actionLabel: '改派', from: 'SUBMITTED' as const, to: 'SUBMITTED' as const, reason, payload: null }],
    };
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(detail),
      'GET /api/v1/cadres': cadres,
      'POST /api/v1/workbench/complaints/1/reroute': ok(rerouted),
    });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');
    const form = await openReroute();

    // The office it is with now is chosen to start with; the areas' offices are offered.
    const office = form.querySelector('select.wb-reroute-office') as HTMLSelectElement;
    await waitFor(() => expect(Array.from(office.options, (o) => o.textContent)).toEqual(['请选择', '东湖市场监管所', '西岭市场监管所', '南港市场监管所']));
    expect(office.value).toBe('1');
    fireEvent.change(office, { target: { value: '2' } });

    // No reason: said by the field, nothing sent.
    click(within(form).getByText('确认改派'));
    expect(await within(form).findByText('请说明改派理由')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请说明改派理由' }));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/reroute')).toHaveLength(0);

    // The cadre, found by name and picked with the keyboard.
    await typeInto(form, 'wb-cadre-search', '王');
    click(within(form).getByText('查找干部'));
    const option = await within(form).findByText('王建国（西岭街道党工委副书记）');
    expect(query(sentTo(sent, 'GET', '/api/v1/cadres').at(-1)!)).toMatchObject({ q: '王', active: 'true' });
    press(option.closest('[role="radio"]')!, ' ');
    expect(option.closest('[role="radio"]')!.getAttribute('aria-checked')).toBe('true');
    await typeInto(form, 'wb-reroute-reason', reason);
    click(within(form).getByText('确认改派'));

    await waitFor(() => expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/reroute')).toHaveLength(1));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/reroute')[0]!.data).toEqual({ officeId: 2, cadreId: 21, reason });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已改派' }));
    expect(await screen.findByText('承办监管所：西岭市场监管所')).toBeTruthy();
    expect(screen.getByText('包保干部：王建国（街道 · 西岭街道党工委副书记）')).toBeTruthy();
    expect(within(container.querySelector('.wb-trail') as HTMLElement).getByText(reason)).toBeTruthy();
    // The form has closed; it opens again from its button.
    expect(screen.queryByRole('group', { name: '改派' })).toBeNull();
    expect(screen.getByText('改派监管所或包保干部')).toBeTruthy();
  });

  it('leaves the cadre to the office unless one is picked, and keeps the form open with the server’s refusal in words', async () => {
    const sent = server(staff, {
      'GET /api/v1/workbench/complaints': ok(queue),
      'GET /api/v1/workbench/complaints/1': ok(detail),
      'POST /api/v1/workbench/complaints/1/reroute': () => ({ statusCode: 422, data: { code: 'CADRE_INACTIVE', message: '该包保干部已停用' } }),
    });
    await signedIn();
    render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');
    const form = await openReroute();

    fireEvent.change(form.querySelector('select.wb-reroute-office')!, { target: { value: '3' } });
    expect(within(form).getByText('不指定（由监管所安排）').closest('[role="radio"]')!.getAttribute('aria-checked')).toBe('true');
    await typeInto(form, 'wb-reroute-reason', reason);
    click(within(form).getByText('确认改派'));

    await waitFor(() => expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/reroute')).toHaveLength(1));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/reroute')[0]!.data).toEqual({ officeId: 3, cadreId: null, reason });
    expect((await within(form).findByText('该包保干部已停用')).className).toContain('submit-error');
    expect(screen.getByRole('group', { name: '改派' })).toBe(form);
    expect(screen.getByText('承办监管所：东湖市场监管所')).toBeTruthy();
  });
});

describe('工作台 for a cadre', () => {
  it('shows no reporter anywhere and posts a follow-up with its photos', async () => {
    const mine = aWorkbenchComplaint({ id: 1, trackingNo: 'SA20261120-000001', reporter: undefined, actions: [], canReroute: false, canFollowUp: true });
    const upload = anUpload();
    Taro.chooseImage.mockResolvedValue({ tempFiles: [{ path: 'blob:shop-front', size: 200_000 }], tempFilePaths: ['blob:shop-front'], errMsg: 'chooseImage:ok' });
    Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify(upload), errMsg: 'uploadFile:ok' });
    const withFollowUp = {
      ...mine,
      followUps: [{ id: 3, kind: 'VISITED', kindLabel: '已到店查看', note: '已到店查看，责令当场清理后厨。', photoIds: [upload.id], cadre: mine.cadre!, createdAt: '2026-12-02T03:00:00.000Z' }],
    };
    let followedUp = false;
    const sent = server(cadre, {
      'GET /api/v1/workbench/complaints': ok(aQueue([aQueueItem({ id: 1, trackingNo: 'SA20261120-000001' })])),
      'GET /api/v1/workbench/complaints/1': () => ({ statusCode: 200, data: followedUp ? withFollowUp : mine }),
      'POST /api/v1/workbench/complaints/1/follow-ups': () => {
        followedUp = true;
        return { statusCode: 201, data: withFollowUp.followUps[0] };
      },
    });
    await signedIn();
    const { container } = render(<WorkbenchPage />);
    await openDetail('SA20261120-000001');

    await screen.findByText('添加跟进记录', { selector: '.card-title' });
    expect(container.querySelector('.wb-reporter')).toBeNull();
    expect(screen.queryByText('查看联系方式')).toBeNull();
    expect(screen.queryByText('改派监管所或包保干部')).toBeNull();
    expect(container.querySelector('.wb-filter-cadre')).toBeNull();
    expect(sentTo(sent, 'GET', '/api/v1/cadres')).toHaveLength(0);

    press(screen.getByText('已到店查看').closest('[role="radio"]')!);
    await typeInto(container, 'wb-follow-up-note', '已到店查看，责令当场清理后厨。');
    click(screen.getByText('添加照片'));
    await waitFor(() => expect(Taro.uploadFile).toHaveBeenCalled());
    await waitFor(() => expect(container.querySelector('.photo-done')).toBeTruthy());
    click(screen.getByText('提交跟进记录'));

    await waitFor(() => expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/follow-ups')).toHaveLength(1));
    expect(sentTo(sent, 'POST', '/api/v1/workbench/complaints/1/follow-ups')[0]!.data).toEqual({
      kind: 'VISITED',
      note: '已到店查看，责令当场清理后厨。',
      photoIds: [upload.id],
    });
    const list = container.querySelector('.wb-follow-ups') as HTMLElement;
    expect(await within(list).findByText('已到店查看，责令当场清理后厨。')).toBeTruthy();
  });
});

describe('工作台 guards', () => {
  it('asks a visitor who is not signed in to log in on 我的', async () => {
    server(null, {});
    await restoreSession();
    render(<WorkbenchPage />);

    expect(screen.getByText('请先登录')).toBeTruthy();
    click(screen.getByText('去登录'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  });

  it('tells a resident the workbench is for staff only and loads nothing', async () => {
    const sent = server(aMe({ role: 'RESIDENT' }), {});
    await signedIn();
    render(<WorkbenchPage />);

    expect(screen.getByText('工作台仅供工作人员使用')).toBeTruthy();
    expect(sentTo(sent, 'GET', '/api/v1/workbench/complaints')).toHaveLength(0);
  });
});
