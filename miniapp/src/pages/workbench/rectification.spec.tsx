import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CallbackView, Me, RectificationView } from '@sa/contracts';
import Taro, { routerParams, storage } from '../../test/fake-taro';
import { aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { aCallback, aRatingView, aRectification } from './rating-builders';
import RectificationPage, { shanghaiNow } from './rectification';
import { DetailPanel } from './detail';
import { aStaffRating } from './rating-builders';
import { aDeadline, aWorkbenchComplaint } from './test-builders';

async function signedInAs(me: Me, routes: (req: SentRequest) => { statusCode: number; data?: unknown } | undefined) {
  const sent = serve((req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: me } : routes(req)));
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}
const staff = aMe({ role: 'OFFICE_STAFF', officeId: 1, displayName: '王所员' });
const click = (element: Element | null) => act(() => void (element as HTMLElement).click());
// The attribute is what greys the button out (.btn-primary[disabled]), whatever its value.
const disabled = (button: Element) => button.hasAttribute('disabled');
const posts = (sent: SentRequest[]) => sent.filter((r) => r.method === 'POST');

/** A fake server holding one task: callbacks and the completion change what the next GET returns. */
function aTaskServer(start: RectificationView) {
  let task = start;
  return (req: SentRequest) => {
    const base = `/api/v1/workbench/rectifications/${task.id}`;
    if (req.method === 'GET' && path(req) === base) return { statusCode: 200, data: task };
    if (req.method === 'POST' && path(req) === `${base}/callbacks`) {
      const body = req.data as { calledAt: string; reached: boolean; reporterSaid?: string };
      const callback: CallbackView = aCallback({ calledAt: new Date(body.calledAt).toISOString(), reached: body.reached, reporterSaid: body.reporterSaid ?? null, byName: '王所员' });
      task = { ...task, callbacks: [...task.callbacks, callback] };
      return { statusCode: 201, data: callback };
    }
    if (req.method === 'POST' && path(req) === `${base}/complete`) {
      if (task.callbacks.length === 0) return { statusCode: 409, data: { code: 'CALLBACK_REQUIRED', message: '请先记录回访，再办结整改' } };
      const body = req.data as { actionTaken: string };
      task = { ...task, state: 'DONE', actionTaken: body.actionTaken, completedAt: '2026-12-03T08:00:00.000Z', completedByName: '王所员' };
      return { statusCode: 200, data: task };
    }
    return undefined;
  };
}

describe('差评整改 detail (workbench)', () => {
  it('marks a limit that runs into a year without an official schedule as 暂估', async () => {
    const task = aRectification({ deadline: aDeadline({ kind: 'RECTIFY', days: 5, startDate: '2026-12-28', dueDate: '2027-01-04', workingDaysLeft: 5, provisional: true }) });
    routerParams.id = String(task.id);
    await signedInAs(staff, aTaskServer(task));
    render(<RectificationPage />);
    expect(await screen.findByText(`差评整改 ${task.trackingNo}`)).toBeTruthy();
    expect(screen.getByText(/^整改期限：/).textContent).toBe('整改期限：2027-01-04 24:00 前（5 个工作日）（暂估，节假日安排未公布）');
  });

  it('records a callback, then the completion, which is only possible after a callback', async () => {
    const task = aRectification({ rating: aRatingView({ level: 1, levelLabel: '非常不满意', comment: '说不归他们管' }) });
    routerParams.id = String(task.id);
    const sent = await signedInAs(staff, aTaskServer(task));
    const { container } = render(<RectificationPage />);

    expect(await screen.findByText(`差评整改 ${task.trackingNo}`)).toBeTruthy();
    expect(container.querySelector('.wb-rect-ratings')!.textContent).toContain('说不归他们管');
    expect(screen.getByText('尚未回访。')).toBeTruthy();
    // 整改完成 waits for a callback.
    expect(screen.getByText('请先记录至少一次回访，再填写整改情况。')).toBeTruthy();
    expect(disabled(container.querySelector('.wb-complete-submit')!)).toBe(true);
    click(container.querySelector('.wb-complete-submit'));
    expect(posts(sent)).toHaveLength(0);

    // 回访时间 defaults to now (Beijing time).
    const now = shanghaiNow();
    expect((container.querySelector('input.wb-callback-date') as HTMLInputElement).value).toBe(now.date);
    expect((container.querySelector('input.wb-callback-time') as HTMLInputElement).value).toBe(now.time);

    click(container.querySelector('.wb-callback-submit'));
    expect(await screen.findByText('请选择是否接通')).toBeTruthy();
    click(container.querySelector('.wb-choice-yes'));
    click(container.querySelector('.wb-callback-submit'));
    expect(await screen.findByText('已接通时请记录举报人的意见')).toBeTruthy();
    expect(posts(sent)).toHaveLength(0);

    // Yesterday morning: before now whatever time the test runs.
    const yesterday = shanghaiNow(Date.now() - 86_400_000).date;
    act(() => void fireEvent.change(container.querySelector('input.wb-callback-date')!, { target: { value: yesterday } }));
    act(() => void fireEvent.change(container.querySelector('input.wb-callback-time')!, { target: { value: '09:30' } }));
    await typeInto(container, 'wb-callback-said', '举报人说店里已经不卖过期酸奶了，但希望再去查一次');
    click(container.querySelector('.wb-callback-submit'));
    await waitFor(() => expect(posts(sent)).toHaveLength(1));
    expect(path(posts(sent)[0]!)).toBe(`/api/v1/workbench/rectifications/${task.id}/callbacks`);
    expect(posts(sent)[0]!.data).toEqual({ calledAt: `${yesterday}T09:30:00+08:00`, reached: true, reporterSaid: '举报人说店里已经不卖过期酸奶了，但希望再去查一次' });

    expect(await screen.findByText('举报人意见：举报人说店里已经不卖过期酸奶了，但希望再去查一次')).toBeTruthy();
    expect(container.querySelector('.wb-callback')!.textContent).toContain(`${yesterday} 09:30 · 王所员 · 已接通`);
    await waitFor(() => expect(disabled(container.querySelector('.wb-complete-submit')!)).toBe(false));
    expect(screen.queryByText('请先记录至少一次回访，再填写整改情况。')).toBeNull();

    await typeInto(container, 'wb-complete-text', '查');
    click(container.querySelector('.wb-complete-submit'));
    expect(await screen.findByText('请写明整改情况（至少 4 个字）')).toBeTruthy();
    await typeInto(container, 'wb-complete-text', '12月3日再次到店核查，过期酸奶已全部下架，约谈店主并复函反映人');
    click(container.querySelector('.wb-complete-submit'));
    await waitFor(() => expect(posts(sent)).toHaveLength(2));
    expect(posts(sent)[1]!.data).toEqual({ actionTaken: '12月3日再次到店核查，过期酸奶已全部下架，约谈店主并复函反映人' });

    expect(await screen.findByText('12月3日再次到店核查，过期酸奶已全部下架，约谈店主并复函反映人')).toBeTruthy();
    expect(container.querySelector('.wb-callback-form')).toBeNull();
    expect(container.querySelector('.wb-complete-form')).toBeNull();
    expect(screen.getByText('反映人尚未再次评价。')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '整改已完成' }));
  });

  it('records a call that did not get through without the reporter’s words, and refuses a time still to come', async () => {
    const task = aRectification();
    routerParams.id = String(task.id);
    const sent = await signedInAs(staff, aTaskServer(task));
    const { container } = render(<RectificationPage />);
    await screen.findByText(`差评整改 ${task.trackingNo}`);

    click(container.querySelector('.wb-choice-no'));
    expect(screen.getByText('备注（选填）')).toBeTruthy();
    const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    act(() => void fireEvent.change(container.querySelector('input.wb-callback-date')!, { target: { value: tomorrow } }));
    click(container.querySelector('.wb-callback-submit'));
    expect(await screen.findByText('回访时间不能晚于现在')).toBeTruthy();
    expect(posts(sent)).toHaveLength(0);

    act(() => void fireEvent.change(container.querySelector('input.wb-callback-date')!, { target: { value: shanghaiNow(Date.now() - 86_400_000).date } }));
    click(container.querySelector('.wb-callback-submit'));
    await waitFor(() => expect(posts(sent)).toHaveLength(1));
    expect(posts(sent)[0]!.data).toMatchObject({ reached: false });
    expect((posts(sent)[0]!.data as { calledAt: string }).calledAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
    expect(posts(sent)[0]!.data).not.toHaveProperty('reporterSaid');
    await waitFor(() => expect(container.querySelector('.wb-callback')!.textContent).toContain('王所员 · 未接通'));
  });

  it('opens the reporter’s contact only on request, through the audited complaint contact', async () => {
    const task = aRectification();
    routerParams.id = String(task.id);
    const sent = await signedInAs(staff, (req) =>
      path(req) === `/api/v1/workbench/complaints/${task.complaintId}/contact`
        ? { statusCode: 200, data: { name: '张居民', phone: '13800001111', address: '人民路 3 号' } }
        : aTaskServer(task)(req),
    );
    const { container } = render(<RectificationPage />);
    await screen.findByText('查看联系方式');
    expect(sent.some((r) => path(r).endsWith('/contact'))).toBe(false);
    expect(screen.getByText('查看完整联系方式会记入办理记录，仅用于回访和告知。')).toBeTruthy();
    click(container.querySelector('.wb-reveal-contact'));
    expect(await screen.findByText('13800001111')).toBeTruthy();
    click(container.querySelector('.wb-rect-phone'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800001111' });

    click(container.querySelector('.wb-rect-case'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/workbench/index?id=${task.complaintId}` });
  });

  it('shows a cadre the task and its callbacks, without the forms', async () => {
    const task = aRectification({ canAct: false, reporterReachable: false, callbacks: [aCallback({ reporterSaid: '还是不满意' })] });
    routerParams.id = String(task.id);
    await signedInAs(aMe({ role: 'CADRE', cadreId: 7 }), aTaskServer(task));
    const { container } = render(<RectificationPage />);
    expect(await screen.findByText('举报人意见：还是不满意')).toBeTruthy();
    expect(screen.getByText('包保干部可查看整改进展；回访和整改由承办监管所记录。')).toBeTruthy();
    expect(screen.getByText('反映人未留实名联系方式，无法电话回访；可记录“未接通”并说明情况。')).toBeTruthy();
    expect(container.querySelector('.wb-callback-form')).toBeNull();
    expect(container.querySelector('.wb-complete-form')).toBeNull();
  });

  it('says in Chinese when the server refuses', async () => {
    const task = aRectification({ callbacks: [aCallback()] });
    routerParams.id = String(task.id);
    await signedInAs(staff, (req) =>
      req.method === 'POST' ? { statusCode: 409, data: { code: 'RECTIFICATION_DONE', message: '该差评已整改完成' } } : aTaskServer(task)(req),
    );
    const { container } = render(<RectificationPage />);
    await screen.findByText(`差评整改 ${task.trackingNo}`);
    await typeInto(container, 'wb-complete-text', '再次核查并约谈店主');
    click(container.querySelector('.wb-complete-submit'));
    expect(await screen.findByText('该差评已整改完成')).toBeTruthy();
  });

  it('says so when the link has no valid id', async () => {
    routerParams.id = 'abc';
    await signedInAs(staff, () => undefined);
    render(<RectificationPage />);
    expect(await screen.findByText('链接有误，请从“差评整改”列表重新进入')).toBeTruthy();
  });

  it('is reached from the complaint detail, which shows both ratings', () => {
    const first = aStaffRating({ level: 2, levelLabel: '不满意', comment: '还在卖过期酸奶', rectificationId: 61 });
    const second = aStaffRating({ round: 2, level: 4, levelLabel: '满意', tags: ['处理彻底'], comment: null, rectificationId: 61 });
    const complaint = aWorkbenchComplaint({ status: 'RESOLVED', statusLabel: '已办结', ratings: [first, second], rectificationId: 61 });
    const { container } = render(<DetailPanel complaint={complaint} areas={null} onChanged={() => undefined} onOpen={() => undefined} onBack={() => undefined} />);
    const card = container.querySelector('.wb-ratings-card')!;
    expect(Array.from(card.querySelectorAll('.rating-summary-level')).map((l) => l.textContent)).toEqual(['不满意', '满意']);
    expect(card.textContent).toContain('首次评价');
    expect(card.textContent).toContain('整改后再次评价');
    expect(card.textContent).toContain('还在卖过期酸奶');
    click(card.querySelector('.wb-to-rectification'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/workbench/rectification?id=61' });
  });

  it('leaves the ratings card out of a complaint nobody rated', () => {
    const { container } = render(
      <DetailPanel complaint={aWorkbenchComplaint({ ratings: [], rectificationId: null })} areas={null} onChanged={() => undefined} onOpen={() => undefined} onBack={() => undefined} />,
    );
    expect(container.querySelector('.wb-ratings-card')).toBeNull();
  });

  it('sends the moment of saving when the time is left at its default, so a call right after the 差评 is not before it', async () => {
    const task = aRectification();
    routerParams.id = String(task.id);
    const sent = await signedInAs(staff, aTaskServer(task));
    const { container } = render(<RectificationPage />);
    await screen.findByText(`差评整改 ${task.trackingNo}`);
    click(container.querySelector('.wb-choice-yes'));
    await typeInto(container, 'wb-callback-said', '举报人表示已看到整改');
    const before = Date.now();
    click(container.querySelector('.wb-callback-submit'));
    await waitFor(() => expect(posts(sent)).toHaveLength(1));
    const calledAt = Date.parse((posts(sent)[0]!.data as { calledAt: string }).calledAt);
    expect(calledAt).toBeGreaterThanOrEqual(before);
    expect(calledAt).toBeLessThanOrEqual(Date.now());
  });
});
