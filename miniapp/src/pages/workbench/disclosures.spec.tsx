import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me, StaffDisclosure, StaffDisclosureList } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { aDeadline } from './test-builders';
import DisclosuresPage from './disclosures';

let seq = 0;
function aStaffDisclosure(over: Partial<StaffDisclosure> = {}): StaffDisclosure {
  const n = ++seq;
  return {
    id: n,
    complaintId: 900 + n,
    trackingNo: `SA20261102-00000${n}`,
    state: 'PENDING',
    decisionNo: `青岚市监罚〔2026〕${n}号`,
    partyKind: 'NATURAL_PERSON',
    partyName: '李大明',
    publicPartyName: '李**',
    partyCreditCode: null,
    violationType: '销售超过保质期的食品',
    penaltyContent: '没收超过保质期的酸奶 12 盒，并处罚款 5000 元',
    authority: '青岚区市场监督管理局',
    decisionDate: '2026-11-16',
    disclosedAt: null,
    withdrawnAt: null,
    withdrawReason: null,
    business: { id: 7, name: '李记小吃店' },
    office: { id: 1, name: '城东市场监管所' },
    deadline: aDeadline({ kind: 'DISCLOSE', startDate: '2026-11-16', days: 20, dueDate: '2026-12-14', workingDaysLeft: 2 }),
    ...over,
  };
}
const aList = (items: StaffDisclosure[], counts = { PENDING: items.length, PUBLISHED: 0, WITHDRAWN: 0 }): StaffDisclosureList => ({ items, total: items.length, counts });

async function signedInAs(me: Me, routes: (req: SentRequest) => { statusCode: number; data?: unknown } | undefined) {
  const sent = serve((req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: me } : routes(req)));
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}
const staff = aMe({ role: 'OFFICE_STAFF', officeId: 1, displayName: '王所员' });
const state = (req: SentRequest) => new URL(req.url).searchParams.get('state');

describe('处罚信息公示 (workbench)', () => {
  it('shows how long each pending decision has left, red when overdue and amber when due soon', async () => {
    const overdue = aStaffDisclosure({ deadline: aDeadline({ kind: 'DISCLOSE', days: 20, dueDate: '2026-12-01', overdue: true, workingDaysLeft: -3 }) });
    const soon = aStaffDisclosure();
    const later = aStaffDisclosure({ deadline: aDeadline({ kind: 'DISCLOSE', days: 20, dueDate: '2026-12-24', workingDaysLeft: 12 }) });
    await signedInAs(staff, (req) => (path(req) === '/api/v1/workbench/penalties' ? { statusCode: 200, data: aList([overdue, soon, later], { PENDING: 3, PUBLISHED: 5, WITHDRAWN: 1 }) } : undefined));
    const { container } = render(<DisclosuresPage />);

    expect(await screen.findByText('超期 3 个工作日 · 公示期限 2026-12-01 24:00 前')).toBeTruthy();
    const rows = container.querySelectorAll('.wb-disc-row');
    expect(rows[0]!.className).toContain('wb-row-overdue');
    expect(rows[0]!.querySelector('.wb-due-overdue')).toBeTruthy();
    expect(rows[1]!.querySelector('.wb-due-soon')!.textContent).toContain('剩 2 个工作日');
    expect(rows[2]!.querySelector('.wb-due-plain')!.textContent).toContain('剩 12 个工作日');
    expect(rows[0]!.textContent).toContain('（公示为「李**」）');
    expect(container.querySelector('.wb-disc-tab-PUBLISHED')!.textContent).toBe('已公示 5');
  });

  it('marks a pending decision whose limit runs into a year without an official schedule as 暂估', async () => {
    const intoNextYear = aStaffDisclosure({ deadline: aDeadline({ kind: 'DISCLOSE', startDate: '2026-12-18', days: 20, dueDate: '2027-01-15', workingDaysLeft: 20, provisional: true }) });
    const within2026 = aStaffDisclosure();
    await signedInAs(staff, (req) => (path(req) === '/api/v1/workbench/penalties' ? { statusCode: 200, data: aList([intoNextYear, within2026]) } : undefined));
    const { container } = render(<DisclosuresPage />);

    await screen.findByText(intoNextYear.decisionNo);
    const dues = Array.from(container.querySelectorAll('.wb-disc-row .wb-due')).map((d) => d.textContent);
    expect(dues).toEqual(['剩 20 个工作日 · 公示期限 2027-01-15 24:00 前（暂估，节假日安排未公布）', '剩 2 个工作日 · 公示期限 2026-12-14 24:00 前']);
  });

  it('publishes after a confirmation that shows what the public will read', async () => {
    const item = aStaffDisclosure();
    let published = false;
    const sent = await signedInAs(staff, (req) => {
      if (req.method === 'GET' && path(req) === '/api/v1/workbench/penalties') return { statusCode: 200, data: aList(published ? [] : [item]) };
      if (req.method === 'POST' && path(req) === `/api/v1/workbench/penalties/${item.id}/disclose`) {
        published = true;
        return { statusCode: 200, data: { ...item, state: 'PUBLISHED', disclosedAt: '2026-12-03T02:00:00.000Z' } };
      }
      return undefined;
    });
    const { container } = render(<DisclosuresPage />);
    await screen.findByText(item.decisionNo);
    act(() => (container.querySelector('.wb-disc-publish') as HTMLElement).click());
    expect(screen.getByText(/当事人显示为「李\*\*」/)).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
    act(() => (container.querySelector('.wb-disc-submit') as HTMLElement).click());
    expect(await screen.findByText(`${item.decisionNo} 已公示`)).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已公示' }));
    await screen.findByText('暂无待公示的处罚决定。');
  });

  it('sends only the corrected fields with the reason, and refuses a correction without one', async () => {
    const item = aStaffDisclosure({ state: 'PUBLISHED', disclosedAt: '2026-11-25T02:00:00.000Z', deadline: aDeadline({ kind: 'DISCLOSE', state: 'MET', workingDaysLeft: null }) });
    const sent = await signedInAs(staff, (req) => {
      if (req.method === 'GET' && path(req) === '/api/v1/workbench/penalties') return { statusCode: 200, data: aList([item], { PENDING: 0, PUBLISHED: 1, WITHDRAWN: 0 }) };
      if (req.method === 'PATCH') return { statusCode: 200, data: { ...item, partyName: '李小明' } };
      return undefined;
    });
    const { container } = render(<DisclosuresPage />);
    await screen.findByText(item.decisionNo);
    expect(container.querySelector('.wb-disc-publish')).toBeNull();
    expect(screen.getByText('公示日期：2026-11-25')).toBeTruthy();

    act(() => (container.querySelector('.wb-disc-correct') as HTMLElement).click());
    await typeInto(container, 'wb-disc-party', '李小明');
    act(() => (container.querySelector('.wb-disc-submit') as HTMLElement).click());
    expect(await screen.findByText('请填写更正理由')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'PATCH')).toHaveLength(0);

    await typeInto(container, 'wb-disc-reason', '当事人姓名录入有误，依决定书原件更正');
    act(() => (container.querySelector('.wb-disc-submit') as HTMLElement).click());
    await waitFor(() => expect(sent.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    const patch = sent.find((r) => r.method === 'PATCH')!;
    expect(path(patch)).toBe(`/api/v1/workbench/penalties/${item.id}`);
    expect(patch.data).toEqual({ partyName: '李小明', reason: '当事人姓名录入有误，依决定书原件更正' });
  });

  it('withdraws with a required reason and lists withdrawn ones in their own tab', async () => {
    const item = aStaffDisclosure({ state: 'PUBLISHED', disclosedAt: '2026-11-25T02:00:00.000Z' });
    const gone = aStaffDisclosure({ state: 'WITHDRAWN', withdrawnAt: '2026-12-01T03:00:00.000Z', withdrawReason: '该处罚决定经行政复议被撤销' });
    const sent = await signedInAs(staff, (req) => {
      if (req.method === 'GET' && path(req) === '/api/v1/workbench/penalties') return { statusCode: 200, data: state(req) === 'WITHDRAWN' ? aList([gone]) : aList([item]) };
      if (req.method === 'POST' && path(req).endsWith('/withdraw')) return { statusCode: 200, data: { ...item, state: 'WITHDRAWN' } };
      return undefined;
    });
    const { container } = render(<DisclosuresPage />);
    await screen.findByText(item.decisionNo);
    act(() => (container.querySelector('.wb-disc-withdraw') as HTMLElement).click());
    act(() => (container.querySelector('.wb-disc-submit') as HTMLElement).click());
    expect(await screen.findByText('请填写撤回理由（如处罚决定已被撤销）')).toBeTruthy();
    await typeInto(container, 'wb-disc-reason', '该处罚决定经行政复议被撤销');
    act(() => (container.querySelector('.wb-disc-submit') as HTMLElement).click());
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({ reason: '该处罚决定经行政复议被撤销' });

    act(() => (container.querySelector('.wb-disc-tab-WITHDRAWN') as HTMLElement).click());
    expect(await screen.findByText('撤回：2026-12-01 11:00，理由：该处罚决定经行政复议被撤销')).toBeTruthy();
    expect(container.querySelector('.wb-disc-actions')).toBeNull();
  });

  it('is not offered to a cadre', async () => {
    await signedInAs(aMe({ role: 'CADRE', cadreId: 7 }), () => undefined);
    render(<DisclosuresPage />);
    expect(screen.getByText('此页面不适用于包保干部')).toBeTruthy();
  });
});
