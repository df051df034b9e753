import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '../../test/fake-taro';
import { aBusiness, aBusinessDetail, aMe, aSimilarComplaint, anOffice, anUpload, someAreas } from '../../test/builders';
import { fieldIn, typeInto } from '../../test/fields';
import { fetchAreas, fetchBusiness, fetchMe, fetchSimilarComplaints, getToken, searchBusinesses, submitComplaint, uploadPhoto } from '../../api';
import { restoreSession } from '../../session/session';
import ReportPage, { nameFromSession } from './index';

// What a newcomer stumbled over on the 随手拍 form, each checked as they would notice it.

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  fetchAreas: vi.fn(),
  fetchBusiness: vi.fn(),
  fetchMe: vi.fn(),
  fetchSimilarComplaints: vi.fn(),
  getToken: vi.fn(),
  searchBusinesses: vi.fn(),
  submitComplaint: vi.fn(),
  supportComplaint: vi.fn(),
  uploadPhoto: vi.fn(),
}));

const areas = someAreas([
  anOffice(1, '东湖市场监管所', {
    streets: [
      { id: 11, name: '东湖街道', communities: [] },
      { id: 12, name: '湖滨街道', communities: [] },
    ],
  }),
]);

const tap = (text: string) => act(() => screen.getByText(text).click());
const key = (element: Element, pressed: 'Enter' | ' ') => act(() => void fireEvent.keyDown(element, { key: pressed }));
const errorsShown = (container: HTMLElement) => Array.from(container.querySelectorAll('.field-error'), (el) => el.textContent);

// Rendered as Taro shows the page on top, so the form looks for its fields where the user sees them.
const renderPage = () => render(<ReportPage />, { wrapper: ({ children }) => <div className='taro_page_show'>{children}</div> });

async function pickBusiness(container: HTMLElement, business = aBusinessDetail({ name: '老街面馆' })) {
  vi.mocked(searchBusinesses).mockResolvedValue({ items: [business], total: 1 });
  vi.mocked(fetchBusiness).mockResolvedValue(business);
  await typeInto(container, 'business-query', business.name);
  const card = await screen.findByLabelText(`选择 ${business.name}，${business.address}`);
  act(() => card.click());
  await screen.findByText('重新选择经营主体');
  return business;
}

async function submit(container: HTMLElement) {
  await act(async () => (container.querySelector('.submit-report') as HTMLElement).click());
}

async function asGuest() {
  vi.mocked(getToken).mockReturnValue(null);
  await restoreSession();
}

async function signedInAs(me = aMe()) {
  vi.mocked(getToken).mockReturnValue('tok');
  vi.mocked(fetchMe).mockResolvedValue(me);
  await restoreSession();
}

beforeEach(async () => {
  vi.mocked(fetchAreas).mockResolvedValue(areas);
  vi.mocked(fetchSimilarComplaints).mockResolvedValue([]);
  vi.mocked(searchBusinesses).mockResolvedValue({ items: [], total: 0 });
  await asGuest();
});

describe('随手拍 · a message goes once its field is put right', () => {
  it('drops 第一步’s message when a business is chosen, and keeps the others until they are fixed', async () => {
    const { container } = renderPage();
    await submit(container);
    expect(errorsShown(container)).toContain('请选择经营主体，或填写经营者名称并选择所在街道');

    await pickBusiness(container);

    expect(errorsShown(container)).not.toContain('请选择经营主体，或填写经营者名称并选择所在街道');
    expect(errorsShown(container)).toEqual(expect.arrayContaining(['请选择投诉、举报或两者都有', '请选择问题类别', '请至少用 10 个字描述问题']));

    tap('举报');
    tap('过期变质食品');
    expect(errorsShown(container)).toEqual(['请至少用 10 个字描述问题', '请填写姓名']);

    // Still too short: the message stays; long enough: it goes.
    await typeInto(container, 'description', '牛奶过期了');
    expect(errorsShown(container)).toContain('请至少用 10 个字描述问题');
    await typeInto(container, 'description', '货架上的牛奶已过保质期三天，仍在销售');
    expect(errorsShown(container)).toEqual(['请填写姓名']);

    // Choosing 匿名举报 settles the name too.
    tap('匿名举报');
    expect(errorsShown(container)).toEqual([]);
  });

  it('shows no new message while the user is still filling in, only after 提交', async () => {
    const { container } = renderPage();
    tap('投诉');
    await typeInto(container, 'description', '短');
    expect(errorsShown(container)).toEqual([]);
  });
});

describe('随手拍 · the first field to correct is brought into view', () => {
  let scrolled: Element[];
  const original = Element.prototype.scrollIntoView;
  beforeEach(() => {
    scrolled = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
  });
  afterEach(() => {
    Element.prototype.scrollIntoView = original;
  });

  it('scrolls to the description and puts the focus in it when only the description is missing', async () => {
    const { container } = renderPage();
    await pickBusiness(container);
    tap('举报');
    tap('过期变质食品');
    tap('匿名举报');

    await submit(container);

    const description = container.querySelector('.description textarea');
    await waitFor(() => expect(document.activeElement).toBe(description));
    expect(scrolled).toEqual([description]);
    expect(submitComplaint).not.toHaveBeenCalled();
  });

  it('scrolls to the search box of 第一步 first when the place is missing too', async () => {
    const { container } = renderPage();
    const search = await fieldIn(container, 'business-query');
    await submit(container);
    await waitFor(() => expect(document.activeElement).toBe(search));
    expect(scrolled).toEqual([search]);
  });

  it('in the mini-program asks the page to scroll to the field by selector', async () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    try {
      const { container } = renderPage();
      await pickBusiness(container);
      tap('举报');
      await submit(container);
      expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '.page.report .category-chips' }));
    } finally {
      process.env.TARO_ENV = env;
    }
  });
});

describe('随手拍 · a signed-in resident’s name is filled in', () => {
  it('fills the name from the account, and the resident can still change it', async () => {
    await signedInAs(aMe({ displayName: '林晓燕' }));
    vi.mocked(submitComplaint).mockResolvedValue({ ...(await import('../../test/builders')).aReceipt() });
    const { container } = renderPage();
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('.reporter-name input')?.value).toBe('林晓燕'));
    expect(screen.getByText('已按您登录的账号填写，可修改')).toBeTruthy();

    await typeInto(container, 'reporter-name', '林晓燕女士');
    expect(screen.queryByText('已按您登录的账号填写，可修改')).toBeNull();
    await pickBusiness(container);
    tap('举报');
    tap('过期变质食品');
    await typeInto(container, 'description', '货架上的牛奶已过保质期三天，仍在销售');
    await submit(container);
    expect(submitComplaint).toHaveBeenCalledWith(expect.objectContaining({ reporterName: '林晓燕女士' }));
  });

  it('fills the name when the session is restored after the form opened', async () => {
    vi.mocked(getToken).mockReturnValue('tok');
    let resolveMe!: (me: ReturnType<typeof aMe>) => void;
    vi.mocked(fetchMe).mockReturnValue(new Promise((resolve) => (resolveMe = resolve)));
    const restoring = restoreSession();
    const { container } = renderPage();
    await act(async () => {
      resolveMe(aMe({ displayName: '周建国' }));
      await restoring;
    });
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('.reporter-name input')?.value).toBe('周建国'));
  });

  it('uses a volunteer’s roster name, and never the placeholder a new account is given', () => {
    expect(nameFromSession(aMe({ displayName: '微信用户a1b2' }))).toBe('');
    expect(nameFromSession(aMe({ displayName: '居民 138****5678' }))).toBe('');
    expect(nameFromSession(aMe({ displayName: '微信用户a1b2', role: 'VOLUNTEER', volunteer: { name: '王丽华', category: 'PARENT' } }))).toBe('王丽华');
    expect(nameFromSession(null)).toBe('');
  });

  it('leaves the name empty for a guest', async () => {
    const { container } = renderPage();
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('.reporter-name input')).toBeTruthy());
    expect(container.querySelector<HTMLInputElement>('.reporter-name input')!.value).toBe('');
  });
});

describe('随手拍 · a category outside the bureau’s remit', () => {
  it('says beside the category, as soon as it is chosen, which department it goes to', () => {
    const { container } = renderPage();
    expect(container.querySelector('.transfer-note')).toBeNull();
    tap('价格问题');
    const note = container.querySelector('.transfer-note');
    expect(note?.textContent).toContain('价格问题不属于市场监管部门的食品安全职责，提交后将转交区发展和改革局（价格主管部门）办理');
    // Right after the category chips, before the description.
    expect(note?.previousElementSibling?.classList.contains('category-chips')).toBe(true);
    tap('过期变质食品');
    expect(container.querySelector('.transfer-note')).toBeNull();
  });
});

describe('随手拍 · search by street', () => {
  it('filters the search by the street chosen, and lists a street’s businesses without words', async () => {
    vi.mocked(searchBusinesses).mockResolvedValue({ items: [aBusiness({ name: '湖滨面馆' })], total: 1 });
    const { container } = renderPage();
    await screen.findByText('湖滨街道');
    expect(screen.getByText('全部街道').getAttribute('aria-pressed')).toBe('true');

    tap('湖滨街道');

    expect(await screen.findByText('共 1 家（湖滨街道）')).toBeTruthy();
    expect(searchBusinesses).toHaveBeenLastCalledWith({ q: undefined, streetId: 12 });
    expect(screen.getByText('湖滨街道').getAttribute('aria-pressed')).toBe('true');

    await typeInto(container, 'business-query', '面馆');
    await waitFor(() => expect(searchBusinesses).toHaveBeenLastCalledWith({ q: '面馆', streetId: 12 }));

    tap('全部街道');
    await waitFor(() => expect(searchBusinesses).toHaveBeenLastCalledWith({ q: '面馆', streetId: undefined }));
  });
});

describe('随手拍 · the user’s own report among the similar ones', () => {
  it('labels it 「您已反映过」 with a link to its progress, and offers no 附议 on it', async () => {
    await signedInAs();
    vi.mocked(fetchSimilarComplaints).mockResolvedValue([aSimilarComplaint({ id: 77, trackingNo: 'SA20261201-000077', mine: true })]);
    const { container } = renderPage();
    await pickBusiness(container);

    expect(await screen.findByText('您已反映过这家经营主体')).toBeTruthy();
    expect(screen.queryByText('已有人反映过这家经营主体')).toBeNull();
    expect(screen.getByText('您已反映过', { selector: '.tag' })).toBeTruthy();
    expect(screen.queryByText('我也遇到了（附议）')).toBeNull();

    const link = screen.getByRole('link', { name: '查看您反映的问题 SA20261201-000077 的办理进度' });
    key(link, 'Enter');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/complaint/index?id=77' });
  });

  it('keeps offering 附议 on others’ reports beside it, and says so where the user already supports one', async () => {
    await signedInAs();
    vi.mocked(fetchSimilarComplaints).mockResolvedValue([
      aSimilarComplaint({ id: 77, mine: true }),
      aSimilarComplaint({ id: 78, mine: false, supportedByMe: true }),
      aSimilarComplaint({ id: 79, mine: false }),
    ]);
    const { container } = renderPage();
    await pickBusiness(container);

    expect(await screen.findByText('已有人反映过这家经营主体')).toBeTruthy();
    expect(screen.getAllByText('您已反映过', { selector: '.tag' })).toHaveLength(1);
    expect(screen.getAllByText('您已附议')).toHaveLength(1);
    expect(screen.getAllByText('我也遇到了（附议）')).toHaveLength(1);
  });
});

describe('随手拍 · deleting a photo', () => {
  beforeEach(() => {
    Taro.chooseImage.mockResolvedValue({
      tempFilePaths: ['blob:a', 'blob:b'],
      tempFiles: [
        { path: 'blob:a', size: 1000 },
        { path: 'blob:b', size: 1000 },
      ],
      errMsg: 'chooseImage:ok',
    });
    vi.mocked(uploadPhoto).mockImplementation(async () => anUpload());
  });

  async function twoPhotos(container: HTMLElement) {
    tap('添加照片');
    await waitFor(() => expect(container.querySelectorAll('.photo-done')).toHaveLength(2));
  }

  it('asks inline before deleting: 取消 keeps the photo, 确认删除 removes it', async () => {
    const { container } = renderPage();
    await twoPhotos(container);

    const remove = screen.getByRole('button', { name: '删除第 2 张照片' });
    // A block the size of its box, not an inline glyph (the tap target is its box).
    expect(remove.tagName.toLowerCase()).toBe('taro-view-core');
    act(() => remove.click());

    expect(screen.getByRole('group', { name: '删除第 2 张照片？' })).toBeTruthy();
    expect(container.querySelectorAll('.photo')).toHaveLength(3);
    expect(Taro.showModal).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('确认删除'));

    key(screen.getByText('取消'), 'Enter');
    expect(screen.queryByText('确认删除')).toBeNull();
    expect(screen.getByText(/已选 2 张/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(remove));

    act(() => screen.getByRole('button', { name: '删除第 1 张照片' }).click());
    key(screen.getByText('确认删除'), ' ');
    expect(screen.getByText(/已选 1 张/)).toBeTruthy();
    expect(screen.queryByText('确认删除')).toBeNull();
    await waitFor(() => expect(document.activeElement?.classList.contains('photo-add')).toBe(true));
  });
});
