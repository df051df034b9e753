import { act, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Taro, { routerParams } from '../../test/fake-taro';
import { aComplaintView } from '../../test/builders';
import { typeInto } from '../../test/fields';
import { ApiError, fetchComplaint, reopenComplaint } from '../../api';
import ComplaintPage from './index';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  fetchComplaint: vi.fn(),
  reopenComplaint: vi.fn(),
}));

const resolved = (canReopen: boolean) =>
  aComplaintView({
    id: 42,
    status: 'RESOLVED',
    statusLabel: '已办结',
    outcome: 'FIXED',
    reply: '已责令该店下架过期食品并处以警告。',
    canReopen,
  });

describe('投诉举报详情', () => {
  beforeEach(() => {
    routerParams.id = '42';
  });

  it('shows the progress and the reply of the user’s own report', async () => {
    vi.mocked(fetchComplaint).mockResolvedValue(resolved(false));
    render(<ComplaintPage />);

    expect(await screen.findByText('已责令该店下架过期食品并处以警告。')).toBeTruthy();
    expect(fetchComplaint).toHaveBeenCalledWith(42);
    expect(screen.getByText('已办结', { selector: '.status-tag' })).toBeTruthy();
  });

  it('does not offer to reopen when the report cannot be reopened', async () => {
    vi.mocked(fetchComplaint).mockResolvedValue(resolved(false));
    render(<ComplaintPage />);
    await screen.findByText('已责令该店下架过期食品并处以警告。');

    expect(screen.queryByText('问题未解决，重新打开')).toBeNull();
  });

  it('reopens with the reason when the problem is not fixed, and shows the new status', async () => {
    vi.mocked(fetchComplaint).mockResolvedValue(resolved(true));
    vi.mocked(reopenComplaint).mockResolvedValue(aComplaintView({ id: 42, status: 'REOPENED', statusLabel: '已重新打开', canReopen: false }));
    const { container } = render(<ComplaintPage />);

    const offer = await screen.findByText('问题未解决，重新打开');
    act(() => offer.click());
    act(() => screen.getByText('确认重新打开').click());
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请说明未解决的情况' })));
    expect(reopenComplaint).not.toHaveBeenCalled();

    await typeInto(container, 'reopen-reason', '  昨天又去买，货架上还是过期牛奶  ');
    act(() => screen.getByText('确认重新打开').click());

    expect(await screen.findByText('已重新打开', { selector: '.status-tag' })).toBeTruthy();
    expect(reopenComplaint).toHaveBeenCalledWith(42, { reason: '昨天又去买，货架上还是过期牛奶', photoIds: [] });
    expect(screen.queryByText('问题未解决，重新打开')).toBeNull();
  });

  it('shows why a reopen was refused', async () => {
    vi.mocked(fetchComplaint).mockResolvedValue(resolved(true));
    vi.mocked(reopenComplaint).mockRejectedValue(new ApiError('REOPEN_WINDOW_CLOSED', '办结已超过 15 日，不能重新打开，请重新提交', 409));
    const { container } = render(<ComplaintPage />);

    const offer = await screen.findByText('问题未解决，重新打开');
    act(() => offer.click());
    await typeInto(container, 'reopen-reason', '问题依旧');
    act(() => screen.getByText('确认重新打开').click());

    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '办结已超过 15 日，不能重新打开，请重新提交' })),
    );
  });

  it('says so when the report cannot be loaded, and loads it again on request', async () => {
    vi.mocked(fetchComplaint).mockRejectedValueOnce(new ApiError('NOT_FOUND', '请求的内容不存在', 404)).mockResolvedValue(resolved(false));
    render(<ComplaintPage />);

    expect(await screen.findByText('请求的内容不存在')).toBeTruthy();
    act(() => screen.getByText('重新加载').click());
    expect(await screen.findByText('已责令该店下架过期食品并处以警告。')).toBeTruthy();
  });
});
