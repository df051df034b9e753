import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import Taro, { routerParams, storage } from '../../test/fake-taro';
import { bearer, path, serve, type SentRequest } from '../../test/fake-server';
import { aComplaintView, anUpload } from '../../test/builders';
import { typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import ComplaintPage from './index';

// The reporter's own view, through the real client against a fake server: their words, photos, place and deadlines.

const photoA = '00000000-0000-4000-8000-00000000000a';
const photoB = '00000000-0000-4000-8000-00000000000b';

const view = aComplaintView({
  id: 42,
  trackingNo: 'SA20261130-000042',
  kind: 'COMPLAINT',
  status: 'RESOLVED',
  statusLabel: '已办结',
  description: '买到的酸奶已过期两天，店员拒绝退换',
  photoIds: [photoA, photoB],
  place: { businessName: null, address: '人民路 12 号旁流动摊位', streetName: '东湖街道', communityName: '幸福社区' },
  deadlines: [
    { kind: 'ACCEPT', dueDate: '2026-12-07', state: 'MET', provisional: false },
    { kind: 'MEDIATE', dueDate: '2027-02-08', state: 'OPEN', provisional: true },
  ],
  canReopen: true,
});

type Download = { url: string; header: Record<string, string> };
let downloads: Download[];

beforeEach(() => {
  routerParams.id = '42';
  storage.set(TOKEN_KEY, 'resident-tok');
  downloads = [];
  Taro.downloadFile.mockImplementation(async (options: Download) => {
    downloads.push(options);
    const id = new URL(options.url).pathname.split('/').at(-1);
    return { statusCode: 200, tempFilePath: `blob:photo-${id}`, errMsg: 'downloadFile:ok' };
  });
});

const complaintRoute = (req: SentRequest) =>
  req.method === 'GET' && path(req) === '/api/v1/complaints/42' ? { statusCode: 200, data: view } : undefined;

describe('the reporter’s own view of a report', () => {
  it('shows what they reported: the description, the place and their photos, fetched with their token', async () => {
    serve(complaintRoute);
    const { container } = render(<ComplaintPage />);

    expect(await screen.findByText('买到的酸奶已过期两天，店员拒绝退换')).toBeTruthy();
    expect(screen.getByText('地址：人民路 12 号旁流动摊位')).toBeTruthy();
    expect(screen.getByText('所在地：东湖街道 幸福社区')).toBeTruthy();
    expect(screen.queryByText(/^经营主体：/)).toBeNull();
    expect(screen.getByText('现场照片（2 张，点按查看原图）')).toBeTruthy();

    await waitFor(() => expect(container.querySelectorAll('.progress-photo-thumb')).toHaveLength(2));
    expect(downloads.map((d) => [new URL(d.url).pathname, d.header.Authorization])).toEqual([
      [`/api/v1/uploads/${photoA}`, 'Bearer resident-tok'],
      [`/api/v1/uploads/${photoB}`, 'Bearer resident-tok'],
    ]);

    // Full size: a tap, or Enter on the focused thumbnail.
    const second = screen.getByLabelText('查看第 2 张照片原图');
    act(() => void fireEvent.keyDown(second, { key: 'Enter' }));
    expect(Taro.previewImage).toHaveBeenCalledWith({ current: `blob:photo-${photoB}`, urls: [`blob:photo-${photoA}`, `blob:photo-${photoB}`] });
  });

  it('marks a deadline that runs into a year without an official schedule as provisional', async () => {
    serve(complaintRoute);
    render(<ComplaintPage />);

    expect(await screen.findByText('调解期限：2027-02-08 24:00 前（暂估）')).toBeTruthy();
    expect(screen.getByText('受理期限：2026-12-07 24:00 前')).toBeTruthy();
    expect(screen.getByText('办理中')).toBeTruthy();
    expect(screen.getByText('已按期完成')).toBeTruthy();
    expect(screen.getByText(/标“暂估”的期限跨入尚未公布节假日安排的年份/)).toBeTruthy();
  });

  it('says so in place of a photo that cannot be shown', async () => {
    serve(complaintRoute);
    Taro.downloadFile.mockResolvedValue({ statusCode: 404, tempFilePath: 'blob:error-page', errMsg: 'downloadFile:ok' });
    render(<ComplaintPage />);

    await waitFor(() => expect(screen.getAllByText('照片无法显示：不存在或已失效')).toHaveLength(2));
    expect(screen.queryByLabelText('查看第 1 张照片原图')).toBeNull();
  });

  it('reopens with the reason and new photos, and shows the new status and deadline', async () => {
    const added = anUpload({ id: '00000000-0000-4000-8000-0000000000c1' });
    const sent = serve(complaintRoute, (req) =>
      req.method === 'POST' && path(req) === '/api/v1/complaints/42/reopen'
        ? {
            statusCode: 200,
            data: aComplaintView({
              ...view,
              status: 'REOPENED',
              statusLabel: '已重新打开',
              canReopen: false,
              deadlines: [{ kind: 'MEDIATE', dueDate: '2027-03-01', state: 'OPEN', provisional: true }],
            }),
          }
        : undefined,
    );
    Taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:new'], tempFiles: [{ path: 'blob:new', size: 90_000 }], errMsg: 'chooseImage:ok' });
    Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify(added), errMsg: 'uploadFile:ok' });
    const { container } = render(<ComplaintPage />);

    const start = await screen.findByText('问题未解决，重新打开');
    act(() => start.click());
    act(() => screen.getByLabelText('添加新的现场照片').click());
    await waitFor(() => expect(Taro.uploadFile).toHaveBeenCalled());
    await typeInto(container, 'reopen-reason', '昨天又去买，货架上还是过期酸奶');
    await act(async () => screen.getByText('确认重新打开').click());

    expect(await screen.findByText('已重新打开', { selector: '.status-tag' })).toBeTruthy();
    const reopen = sent.find((req) => path(req) === '/api/v1/complaints/42/reopen');
    expect(reopen?.data).toEqual({ reason: '昨天又去买，货架上还是过期酸奶', photoIds: [added.id] });
    expect(reopen && bearer(reopen)).toBe('Bearer resident-tok');
    expect(screen.getByText('调解期限：2027-03-01 24:00 前（暂估）')).toBeTruthy();
    expect(screen.queryByText('问题未解决，重新打开')).toBeNull();
  });
});
