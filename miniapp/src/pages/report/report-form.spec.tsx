import { act, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Taro, { storage } from '../../test/fake-taro';
import {
  aBusinessDetail,
  aMe,
  aReceipt,
  aSimilarComplaint,
  anOffice,
  anUpload,
  someAreas,
} from '../../test/builders';
import { typeInto } from '../../test/fields';
import {
  ApiError,
  fetchAreas,
  fetchBusiness,
  fetchMe,
  fetchSimilarComplaints,
  getToken,
  searchBusinesses,
  submitComplaint,
  supportComplaint,
  uploadPhoto,
} from '../../api';
import { restoreSession } from '../../session/session';
import { PENDING_KEY_STORAGE } from './report-draft';
import ReportPage from './index';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  // The street filter of the search loads the district's streets as the form opens.
  fetchAreas: vi.fn(async () => (await import('../../test/builders')).someAreas()),
  fetchBusiness: vi.fn(),
  fetchMe: vi.fn(),
  fetchSimilarComplaints: vi.fn(),
  getToken: vi.fn(),
  searchBusinesses: vi.fn(),
  submitComplaint: vi.fn(),
  supportComplaint: vi.fn(),
  uploadPhoto: vi.fn(),
}));

const tap = (text: string) => act(() => screen.getByText(text).click());
const tapIn = (container: HTMLElement, selector: string) => act(() => (container.querySelector(selector) as HTMLElement).click());

async function pickBusiness(container: HTMLElement, business = aBusinessDetail({ name: '老街面馆' })) {
  vi.mocked(searchBusinesses).mockResolvedValue({ items: [business], total: 1 });
  vi.mocked(fetchBusiness).mockResolvedValue(business);
  await typeInto(container, 'business-query', business.name);
  const listed = await screen.findByText(business.name);
  act(() => listed.click());
  await screen.findByText('重新选择经营主体');
  return business;
}

async function describeProblem(container: HTMLElement, kind: '投诉' | '举报' | '两者都有' = '举报') {
  tap(kind);
  tap('过期变质食品');
  await typeInto(container, 'description', '货架上的牛奶已过保质期三天，仍在销售');
}

async function submit(container: HTMLElement) {
  tapIn(container, '.submit-report');
  // Let the submission (or the refusal) settle before looking.
  await act(async () => undefined);
}

async function asGuest() {
  vi.mocked(getToken).mockReturnValue(null);
  await restoreSession();
}

async function signedIn() {
  vi.mocked(getToken).mockReturnValue('tok');
  vi.mocked(fetchMe).mockResolvedValue(aMe());
  await restoreSession();
}

describe('随手拍 · 提交投诉举报', () => {
  beforeEach(async () => {
    vi.mocked(fetchSimilarComplaints).mockResolvedValue([]);
    await asGuest();
  });

  it('leads from the chosen business to its public page (包保干部, disclosures, open reports)', async () => {
    const { container } = render(<ReportPage />);
    const business = await pickBusiness(container);
    act(() => screen.getByRole('link', { name: '查看主体公示信息' }).click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/public/business?id=${business.id}` });
  });

  it('refuses an anonymous 投诉 before sending: it asks for the name and the phone instead', async () => {
    const { container } = render(<ReportPage />);
    await pickBusiness(container);
    await describeProblem(container, '举报');
    tap('匿名举报');
    expect(container.querySelector('.reporter-name')).toBeNull();

    tap('投诉');
    await submit(container);

    expect(submitComplaint).not.toHaveBeenCalled();
    expect(screen.getByText('投诉不能匿名，已改为实名提交。只想匿名反映违法线索，请选择“举报”。')).toBeTruthy();
    expect(screen.getByText(/^投诉须实名/)).toBeTruthy();
    expect(screen.getByText('请填写姓名')).toBeTruthy();
    expect(screen.getByText('投诉须填写联系电话，以便监管所联系您')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写姓名', icon: 'none' }));
  });

  it('refuses a 投诉 without a phone number, and one with a number that is not a phone', async () => {
    const { container } = render(<ReportPage />);
    await pickBusiness(container);
    await describeProblem(container, '投诉');
    await typeInto(container, 'reporter-name', '王小明');

    await submit(container);
    expect(screen.getByText('投诉须填写联系电话，以便监管所联系您')).toBeTruthy();

    await typeInto(container, 'contact-phone', '12345');
    await submit(container);
    expect(screen.getByText('请填写有效的手机号或座机号')).toBeTruthy();
    expect(submitComplaint).not.toHaveBeenCalled();
  });

  it('says what is missing in Chinese beside each field', async () => {
    const { container } = render(<ReportPage />);
    await typeInto(container, 'description', '太脏了');

    await submit(container);

    expect(submitComplaint).not.toHaveBeenCalled();
    expect(screen.getByText('请选择经营主体，或填写经营者名称并选择所在街道')).toBeTruthy();
    expect(screen.getByText('请选择投诉、举报或两者都有')).toBeTruthy();
    expect(screen.getByText('请选择问题类别')).toBeTruthy();
    expect(screen.getByText('请至少用 10 个字描述问题')).toBeTruthy();
    expect(screen.getByText('3/2000')).toBeTruthy();
  });

  it('sends an anonymous 举报 without a name or phone', async () => {
    vi.mocked(submitComplaint).mockResolvedValue(aReceipt({ queryCode: 'K7M2Q9XA' }));
    const { container } = render(<ReportPage />);
    const business = await pickBusiness(container);
    await describeProblem(container, '举报');
    tap('匿名举报');

    await submit(container);

    expect(submitComplaint).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'REPORT',
        category: 'EXPIRED_FOOD',
        businessId: business.id,
        description: '货架上的牛奶已过保质期三天，仍在销售',
        anonymous: true,
        photoIds: [],
      }),
    );
    const sent = vi.mocked(submitComplaint).mock.calls[0]![0];
    expect(sent).not.toHaveProperty('reporterName');
    expect(sent).not.toHaveProperty('contactPhone');
  });

  it('retries with the same idempotency key after a network failure, even after the app restarts, and a new report gets a new key', async () => {
    vi.mocked(submitComplaint)
      .mockRejectedValueOnce(new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0))
      .mockRejectedValueOnce(new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0))
      .mockResolvedValueOnce(aReceipt())
      .mockResolvedValueOnce(aReceipt());
    const first = render(<ReportPage />);
    await pickBusiness(first.container);
    await describeProblem(first.container, '举报');
    await typeInto(first.container, 'reporter-name', '王小明');

    await submit(first.container);
    expect(await screen.findByText('网络连接失败，请检查网络后重试', { selector: '.submit-error' })).toBeTruthy();
    tap('重新提交');
    await screen.findByText('网络连接失败，请检查网络后重试', { selector: '.submit-error' });
    first.unmount();

    // The app was closed and opened again: the same report, filled in again, is still the same submission.
    const second = render(<ReportPage />);
    await pickBusiness(second.container);
    await describeProblem(second.container, '举报');
    await typeInto(second.container, 'reporter-name', '王小明');
    await submit(second.container);
    await screen.findByText('提交成功');

    const keys = vi.mocked(submitComplaint).mock.calls.map(([body]) => body.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(storage.has(PENDING_KEY_STORAGE)).toBe(false);

    tap('再反映一个问题');
    await pickBusiness(second.container);
    await describeProblem(second.container, '举报');
    await typeInto(second.container, 'reporter-name', '王小明');
    await submit(second.container);
    await screen.findByText('提交成功');
    expect(vi.mocked(submitComplaint).mock.calls[3]![0].idempotencyKey).not.toBe(keys[0]);
  });

  it('shows the receipt: tracking number, query code, handling office and deadlines', async () => {
    vi.mocked(submitComplaint).mockResolvedValue(
      aReceipt({
        trackingNo: 'SA20261130-000042',
        kind: 'COMPLAINT',
        queryCode: 'K7M2Q9XA',
        office: { id: 2, name: '西岭市场监管所' },
        deadlines: [{ kind: 'ACCEPT', dueDate: '2026-12-09', provisional: false }],
        linked: { id: 43, trackingNo: 'SA20261130-000043', kind: 'REPORT', queryCode: 'P3R8W2NC' },
      }),
    );
    const { container } = render(<ReportPage />);
    await pickBusiness(container);
    await describeProblem(container, '两者都有');
    await typeInto(container, 'reporter-name', '王小明');
    await typeInto(container, 'contact-phone', '13800138000');
    await typeInto(container, 'reporter-address', '东湖街道人民路 8 号 2 栋 301');

    await submit(container);

    expect(await screen.findByText('请记下受理编号和查询码，凭这两项可随时查询办理进度')).toBeTruthy();
    expect(screen.getByText('SA20261130-000042')).toBeTruthy();
    expect(screen.getByText('K7M2Q9XA')).toBeTruthy();
    expect(screen.getByText('承办单位：西岭市场监管所')).toBeTruthy();
    expect(screen.getByText('受理期限：2026-12-09 24:00 前')).toBeTruthy();
    expect(screen.getByText('SA20261130-000043')).toBeTruthy();
    expect(screen.getByText('P3R8W2NC')).toBeTruthy();
    expect(submitComplaint).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'BOTH',
        anonymous: false,
        reporterName: '王小明',
        contactPhone: '13800138000',
        reporterAddress: '东湖街道人民路 8 号 2 栋 301',
      }),
    );

    tap('查看办理进度');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/track/index?trackingNo=SA20261130-000042&queryCode=K7M2Q9XA' });
  });

  it('gives a logged-in reporter no query code: the report is under 我的', async () => {
    await signedIn();
    vi.mocked(submitComplaint).mockResolvedValue(aReceipt({ id: 77, trackingNo: 'SA20261130-000077', queryCode: null }));
    const { container } = render(<ReportPage />);
    await pickBusiness(container);
    await describeProblem(container, '举报');
    await typeInto(container, 'reporter-name', '王小明');

    await submit(container);

    expect(await screen.findByText('SA20261130-000077')).toBeTruthy();
    expect(screen.queryByText('查询码')).toBeNull();
    expect(screen.queryByText(/请记下受理编号和查询码/)).toBeNull();
    tap('查看办理进度');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/complaint/index?id=77' });
  });

  it('puts the server refusal beside the field it is about', async () => {
    vi.mocked(submitComplaint).mockRejectedValue(new ApiError('PHOTO_NOT_FOUND', '照片不存在或已失效，请重新上传', 400));
    const { container } = render(<ReportPage />);
    await pickBusiness(container);
    await describeProblem(container, '举报');
    await typeInto(container, 'reporter-name', '王小明');

    await submit(container);

    expect(await screen.findByText('照片不存在或已失效，请重新上传', { selector: '.field-error' })).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '照片不存在或已失效，请重新上传' }));
  });

  it('says that a 价格问题 will be transferred to the price department', async () => {
    render(<ReportPage />);
    tap('价格问题');
    expect(screen.getByText(/价格问题不属于市场监管部门的食品安全职责，提交后将转交区发展和改革局（价格主管部门）办理/)).toBeTruthy();
  });

  it('explains each kind in one line', () => {
    render(<ReportPage />);
    expect(screen.getByText('与商家有消费纠纷，请监管所调解，如退换、赔偿（须实名）')).toBeTruthy();
    expect(screen.getByText('反映违法违规线索，由监管所核查处理，如无证经营、卫生差（可匿名）')).toBeTruthy();
    expect(screen.getByText('既要调解纠纷，又反映违法行为，将分别登记为一件投诉和一件举报')).toBeTruthy();
  });
});

describe('随手拍 · 找不到经营主体', () => {
  beforeEach(async () => {
    vi.mocked(fetchSimilarComplaints).mockResolvedValue([]);
    vi.mocked(searchBusinesses).mockResolvedValue({ items: [], total: 0 });
    await asGuest();
  });

  it('takes a name, an address and the street and community from the district list instead', async () => {
    vi.mocked(fetchAreas).mockResolvedValue(
      someAreas([
        anOffice(1, '东湖市场监管所', {
          streets: [
            { id: 11, name: '东湖街道', communities: [{ id: 111, name: '幸福社区', population: 8000 }] },
            { id: 12, name: '湖滨街道', communities: [] },
          ],
        }),
      ]),
    );
    vi.mocked(submitComplaint).mockResolvedValue(aReceipt());
    const { container } = render(<ReportPage />);

    tap('找不到经营主体');
    await typeInto(container, 'free-name', '夜市烧烤摊');
    await typeInto(container, 'free-address', '湖滨路与人民路路口');
    await submit(container);
    expect(screen.getByText('请选择经营主体，或填写经营者名称并选择所在街道')).toBeTruthy();

    act(() => screen.getByText('东湖街道').click());
    tap('幸福社区');
    expect(screen.getByText('将由东湖市场监管所受理')).toBeTruthy();
    await describeProblem(container, '举报');
    tap('匿名举报');
    await submit(container);

    expect(submitComplaint).toHaveBeenCalledWith(
      expect.objectContaining({ businessName: '夜市烧烤摊', businessAddress: '湖滨路与人民路路口', streetId: 11, communityId: 111 }),
    );
    expect(submitComplaint).toHaveBeenCalledWith(expect.not.objectContaining({ businessId: expect.anything() }));
  });
});

describe('随手拍 · 附议', () => {
  beforeEach(() => {
    vi.mocked(fetchSimilarComplaints).mockResolvedValue([
      aSimilarComplaint({ id: 501, category: 'POOR_HYGIENE', kind: 'REPORT', status: 'VERIFYING', supportCount: 2 }),
    ]);
  });

  it('offers the open reports about the chosen business, and a logged-in user can add 附议 instead of filing again', async () => {
    await signedIn();
    vi.mocked(supportComplaint).mockResolvedValue({ supportCount: 3 });
    const { container } = render(<ReportPage />);
    const business = await pickBusiness(container);

    expect(await screen.findByText('已有人反映过这家经营主体')).toBeTruthy();
    expect(fetchSimilarComplaints).toHaveBeenCalledWith({ entityId: business.id });
    expect(screen.getByText('卫生条件差 · 举报')).toBeTruthy();
    expect(screen.getByText('核查中')).toBeTruthy();
    expect(screen.getByText(/2 人附议/)).toBeTruthy();

    tap('我也遇到了（附议）');

    expect(await screen.findByText('您已附议')).toBeTruthy();
    expect(supportComplaint).toHaveBeenCalledWith(501);
    expect(screen.getByText(/3 人附议/)).toBeTruthy();
    expect(submitComplaint).not.toHaveBeenCalled();
  });

  it('tells a guest to log in to add 附议', async () => {
    await asGuest();
    const { container } = render(<ReportPage />);
    await pickBusiness(container);

    expect(await screen.findByText('已有人反映过这家经营主体')).toBeTruthy();
    expect(screen.queryByText('我也遇到了（附议）')).toBeNull();
    expect(screen.getByText('后可以附议')).toBeTruthy();
  });

  it('shows the first three and the rest on request', async () => {
    await asGuest();
    vi.mocked(fetchSimilarComplaints).mockResolvedValue(
      ['UNLICENSED', 'EXPIRED_FOOD', 'POOR_HYGIENE', 'DIRTY_TABLEWARE'].map((category) =>
        aSimilarComplaint({ category: category as 'UNLICENSED', kind: 'REPORT' }),
      ),
    );
    const { container } = render(<ReportPage />);
    await pickBusiness(container);

    await screen.findByText('无证经营 · 举报');
    expect(screen.queryByText('餐具不洁 · 举报')).toBeNull();
    tap('查看全部 4 条');
    expect(screen.getByText('餐具不洁 · 举报')).toBeTruthy();
  });

  it('shows the server message when 附议 is refused', async () => {
    await signedIn();
    vi.mocked(supportComplaint).mockRejectedValue(new ApiError('ALREADY_SUPPORTED', '您已附议过该问题', 409));
    const { container } = render(<ReportPage />);
    await pickBusiness(container);

    const meToo = await screen.findByText('我也遇到了（附议）');
    act(() => meToo.click());

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '您已附议过该问题' })));
  });
});

describe('随手拍 · 照片', () => {
  beforeEach(async () => {
    vi.mocked(fetchSimilarComplaints).mockResolvedValue([]);
    vi.mocked(fetchAreas).mockResolvedValue(someAreas());
    await asGuest();
  });

  const chosen = (...files: { path: string; size: number }[]) =>
    Taro.chooseImage.mockResolvedValue({ tempFilePaths: files.map((f) => f.path), tempFiles: files, errMsg: 'chooseImage:ok' });

  it('uploads the chosen photos, shows them, lets one be removed and sends the ids of the rest', async () => {
    chosen({ path: 'blob:a', size: 200_000 }, { path: 'blob:b', size: 300_000 });
    const kept = anUpload();
    vi.mocked(uploadPhoto).mockImplementation(async (path) => (path === 'blob:a' ? kept : anUpload()));
    vi.mocked(submitComplaint).mockResolvedValue(aReceipt());
    const { container } = render(<ReportPage />);
    await pickBusiness(container);
    await describeProblem(container, '举报');
    tap('匿名举报');

    tap('添加照片');
    await waitFor(() => expect(container.querySelectorAll('.photo-done')).toHaveLength(2));
    expect(uploadPhoto).toHaveBeenCalledTimes(2);
    expect(Taro.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 9 }));
    expect(screen.getByText(/已选 2 张/)).toBeTruthy();

    act(() => screen.getByLabelText('删除第 2 张照片').click());
    expect(screen.getByText(/已选 2 张/)).toBeTruthy();
    tap('确认删除');
    expect(screen.getByText(/已选 1 张/)).toBeTruthy();
    await submit(container);

    expect(submitComplaint).toHaveBeenCalledWith(expect.objectContaining({ photoIds: [kept.id] }));
  });

  it('refuses a photo over 10 MB without sending it, and holds the report until it is removed', async () => {
    chosen({ path: 'blob:huge', size: 12 * 1024 * 1024 });
    const { container } = render(<ReportPage />);
    await pickBusiness(container);
    await describeProblem(container, '举报');
    tap('匿名举报');

    tap('添加照片');

    expect(await screen.findByText('照片不能超过 10 MB，请压缩后再上传')).toBeTruthy();
    expect(uploadPhoto).not.toHaveBeenCalled();
    await submit(container);
    expect(submitComplaint).not.toHaveBeenCalled();
    expect(screen.getByText('有照片未上传成功，请重试或删除后再提交')).toBeTruthy();
  });

  it('offers the GPS position of a photo as the location when no place is chosen, and looks for reports nearby', async () => {
    chosen({ path: 'blob:gps', size: 200_000 });
    vi.mocked(uploadPhoto).mockResolvedValue(anUpload({ location: { lat: 23.12911, lng: 113.26436 } }));
    vi.mocked(submitComplaint).mockResolvedValue(aReceipt());
    const { container } = render(<ReportPage />);

    tap('添加照片');
    expect(await screen.findByText('用照片的拍摄位置？')).toBeTruthy();
    tap('使用该位置');

    expect(await screen.findByText(/已使用照片拍摄位置（北纬 23.12911，东经 113.26436）/)).toBeTruthy();
    expect(fetchSimilarComplaints).toHaveBeenCalledWith({ lat: 23.12911, lng: 113.26436 });
    act(() => screen.getByText('第1街道').click());
    await describeProblem(container, '举报');
    tap('匿名举报');
    await submit(container);

    expect(submitComplaint).toHaveBeenCalledWith(expect.objectContaining({ lat: 23.12911, lng: 113.26436, streetId: 10 }));
  });

  it('does not offer the photo position when a business is chosen', async () => {
    chosen({ path: 'blob:gps', size: 200_000 });
    vi.mocked(uploadPhoto).mockResolvedValue(anUpload({ location: { lat: 23.1, lng: 113.2 } }));
    const { container } = render(<ReportPage />);
    await pickBusiness(container);

    tap('添加照片');
    await waitFor(() => expect(container.querySelectorAll('.photo-done')).toHaveLength(1));

    expect(screen.queryByText('用照片的拍摄位置？')).toBeNull();
  });
});
