import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import Taro, { routerParams } from '../../test/fake-taro';
import { bearer, path, serve, type SentRequest } from '../../test/fake-server';
import { aComplaintView, anUpload } from '../../test/builders';
import { typeInto } from '../../test/fields';
import TrackPage from './index';

// A guest (no login) with the receipt's tracking number and query code, through the real client.

const photo = '00000000-0000-4000-8000-0000000000a1';
const resolved = aComplaintView({
  trackingNo: 'SA20261130-000042',
  kind: 'REPORT',
  category: 'POOR_HYGIENE',
  status: 'RESOLVED',
  statusLabel: '已办结',
  description: '后厨地面积水，餐具直接放在地上',
  photoIds: [photo],
  place: { businessName: '老街面馆', address: '人民路 12 号', streetName: '东湖街道', communityName: '幸福社区' },
  canReopen: true,
});
const reopened = aComplaintView({
  ...resolved,
  status: 'REOPENED',
  statusLabel: '已重新打开',
  canReopen: false,
  deadlines: [{ kind: 'VERIFY', dueDate: '2027-01-05', state: 'OPEN', provisional: true }],
});

const trackRoute = (req: SentRequest) =>
  req.method === 'GET' && path(req) === '/api/v1/complaints/track' ? { statusCode: 200, data: resolved } : undefined;

beforeEach(() => {
  routerParams.trackingNo = 'SA20261130-000042';
  routerParams.queryCode = 'K7M2Q9XA';
  Taro.downloadFile.mockImplementation(async () => ({ statusCode: 200, tempFilePath: 'blob:tracked', errMsg: 'downloadFile:ok' }));
});

describe('进度查询 for a guest', () => {
  it('shows their description, place and photos, fetched with the tracking number and query code', async () => {
    serve(trackRoute);
    render(<TrackPage />);

    expect(await screen.findByText('后厨地面积水，餐具直接放在地上')).toBeTruthy();
    expect(screen.getByText('经营主体：老街面馆')).toBeTruthy();
    expect(screen.getByText('地址：人民路 12 号')).toBeTruthy();
    await waitFor(() => expect(Taro.downloadFile).toHaveBeenCalledTimes(1));
    const { url, header } = Taro.downloadFile.mock.calls[0]![0] as { url: string; header: Record<string, string> };
    const sentUrl = new URL(url);
    expect(sentUrl.pathname).toBe(`/api/v1/complaints/track/photos/${photo}`);
    expect(Object.fromEntries(sentUrl.searchParams)).toEqual({ trackingNo: 'SA20261130-000042', queryCode: 'K7M2Q9XA' });
    expect(header.Authorization).toBeUndefined();
  });

  it('reopens from the tracking page with the reason and photos, and shows the new status', async () => {
    const added = [anUpload(), anUpload()];
    const sent = serve(trackRoute, (req) =>
      req.method === 'POST' && path(req) === '/api/v1/complaints/track/reopen' ? { statusCode: 200, data: reopened } : undefined,
    );
    Taro.chooseImage.mockResolvedValue({
      tempFilePaths: ['blob:1', 'blob:2'],
      tempFiles: [
        { path: 'blob:1', size: 80_000 },
        { path: 'blob:2', size: 80_000 },
      ],
      errMsg: 'chooseImage:ok',
    });
    Taro.uploadFile
      .mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify(added[0]), errMsg: 'uploadFile:ok' })
      .mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify(added[1]), errMsg: 'uploadFile:ok' });
    const { container } = render(<TrackPage />);

    // Keyboard only: Enter on each control.
    const start = await screen.findByText('问题未解决，重新打开');
    act(() => void fireEvent.keyDown(start, { key: 'Enter' }));
    act(() => void fireEvent.keyDown(screen.getByLabelText('添加新的现场照片'), { key: ' ' }));
    await waitFor(() => expect(Taro.uploadFile).toHaveBeenCalledTimes(2));
    await typeInto(container, 'reopen-reason', '复查后又出现，地上仍有积水');
    await act(async () => void fireEvent.keyDown(screen.getByText('确认重新打开'), { key: 'Enter' }));

    expect(await screen.findByText('已重新打开', { selector: '.status-tag' })).toBeTruthy();
    const reopen = sent.find((req) => path(req) === '/api/v1/complaints/track/reopen');
    expect(reopen?.data).toEqual({
      trackingNo: 'SA20261130-000042',
      queryCode: 'K7M2Q9XA',
      reason: '复查后又出现，地上仍有积水',
      photoIds: [added[0]!.id, added[1]!.id],
    });
    expect(reopen && bearer(reopen)).toBeUndefined();
    expect(screen.getByText('核查期限：2027-01-05 24:00 前（暂估）')).toBeTruthy();
    expect(screen.queryByText('问题未解决，重新打开')).toBeNull();
  });

  it('says why a reopen was refused and sends nothing without a reason', async () => {
    const sent = serve(trackRoute, (req) =>
      path(req) === '/api/v1/complaints/track/reopen'
        ? { statusCode: 409, data: { code: 'REOPEN_WINDOW_CLOSED', message: '办结已超过 15 日，不能重新打开，请重新提交' } }
        : undefined,
    );
    const { container } = render(<TrackPage />);

    const start = await screen.findByText('问题未解决，重新打开');
    act(() => start.click());
    await act(async () => screen.getByText('确认重新打开').click());
    expect(await screen.findByText('请说明未解决的情况', { selector: '.field-error' })).toBeTruthy();
    expect(sent.some((req) => path(req) === '/api/v1/complaints/track/reopen')).toBe(false);

    await typeInto(container, 'reopen-reason', '问题依旧');
    await act(async () => screen.getByText('确认重新打开').click());
    expect(await screen.findByText('办结已超过 15 日，不能重新打开，请重新提交', { selector: '.field-error' })).toBeTruthy();
  });
});
