import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import Taro, { routerParams } from '../../test/fake-taro';
import { aComplaintView } from '../../test/builders';
import { fieldIn, typeInto } from '../../test/fields';
import { ApiError, trackComplaint } from '../../api';
import TrackPage from './index';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  trackComplaint: vi.fn(),
}));

const search = (container: HTMLElement) => act(() => (container.querySelector('.track-search') as HTMLElement).click());

describe('进度查询', () => {
  it('shows the status, the reply, the deadlines and the history for a tracking number and query code', async () => {
    vi.mocked(trackComplaint).mockResolvedValue(
      aComplaintView({
        trackingNo: 'SA20261130-000042',
        kind: 'REPORT',
        category: 'POOR_HYGIENE',
        status: 'RESOLVED',
        statusLabel: '已办结',
        outcome: 'FIXED',
        reply: '经现场核查，该店后厨卫生不达标，已责令整改并复查合格。',
        deadlines: [{ kind: 'VERIFY', dueDate: '2026-12-21', state: 'MET', provisional: false }],
        timeline: [
          { at: '2026-11-30T01:30:00.000Z', status: 'SUBMITTED', statusLabel: '已提交', note: null },
          { at: '2026-12-02T06:00:00.000Z', status: 'VERIFYING', statusLabel: '核查中', note: null },
          { at: '2026-12-05T08:15:00.000Z', status: 'RESOLVED', statusLabel: '已办结', note: '已责令整改' },
        ],
      }),
    );
    const { container } = render(<TrackPage />);

    await typeInto(container, 'tracking-no', ' sa20261130-000042 ');
    await typeInto(container, 'query-code', 'k7m2q9xa');
    search(container);

    expect(await screen.findByText('经现场核查，该店后厨卫生不达标，已责令整改并复查合格。')).toBeTruthy();
    expect(trackComplaint).toHaveBeenCalledWith({ trackingNo: 'SA20261130-000042', queryCode: 'K7M2Q9XA' });
    expect(screen.getByText('已办结', { selector: '.status-tag' })).toBeTruthy();
    expect(screen.getByText('办理结果：已整改')).toBeTruthy();
    expect(screen.getByText('举报 · 卫生条件差')).toBeTruthy();
    expect(screen.getByText('核查期限：2026-12-21 24:00 前')).toBeTruthy();
    expect(screen.getByText('已按期完成')).toBeTruthy();
    // Beijing time, newest first
    const steps = Array.from(container.querySelectorAll('.timeline-status')).map((step) => step.textContent);
    expect(steps).toEqual(['已办结', '核查中', '已提交']);
    expect(screen.getByText('2026-12-05 16:15')).toBeTruthy();
    expect(screen.getByText('已责令整改')).toBeTruthy();
  });

  it('opens from the receipt with the numbers filled in and the progress shown', async () => {
    routerParams.trackingNo = 'SA20261130-000042';
    routerParams.queryCode = 'K7M2Q9XA';
    vi.mocked(trackComplaint).mockResolvedValue(aComplaintView({ reply: null }));
    const { container } = render(<TrackPage />);

    expect(await screen.findByText('监管所尚未答复')).toBeTruthy();
    expect((await fieldIn(container, 'tracking-no')).value).toBe('SA20261130-000042');
    expect(trackComplaint).toHaveBeenCalledWith({ trackingNo: 'SA20261130-000042', queryCode: 'K7M2Q9XA' });
  });

  it('checks the tracking number format before asking the server', async () => {
    const { container } = render(<TrackPage />);
    await typeInto(container, 'tracking-no', '2026-42');
    await typeInto(container, 'query-code', 'K7M2Q9XA');
    search(container);

    expect(await screen.findByText('受理编号格式应为 SA20261129-000123')).toBeTruthy();
    expect(trackComplaint).not.toHaveBeenCalled();
  });

  it('says so when the number and code do not match', async () => {
    vi.mocked(trackComplaint).mockRejectedValue(new ApiError('TRACKING_NOT_FOUND', '受理编号或查询码不正确', 404));
    const { container } = render(<TrackPage />);
    await typeInto(container, 'tracking-no', 'SA20261130-000042');
    await typeInto(container, 'query-code', 'WRONG1');
    search(container);

    expect(await screen.findByText('受理编号或查询码不正确')).toBeTruthy();
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '受理编号或查询码不正确' })));
  });
});
