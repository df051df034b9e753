import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AdminArticle, Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { anAdminArticle } from '../news/test-builders';
import ArticlesPage from './articles';

async function signedInAs(me: Me, articles: AdminArticle[]) {
  const sent = serve((req) => {
    if (path(req) === '/api/v1/me') return { statusCode: 200, data: me };
    if (req.method === 'GET' && path(req) === '/api/v1/admin/articles') {
      const status = new URL(req.url).searchParams.get('status');
      const items = articles.filter((a) => !status || a.status === status);
      return { statusCode: 200, data: { items, total: items.length } };
    }
    const patch = /^\/api\/v1\/admin\/articles\/(\d+)$/.exec(path(req));
    if (req.method === 'PATCH' && patch) {
      const found = articles.find((a) => a.id === Number(patch[1]))!;
      return { statusCode: 200, data: { ...found, ...(req.data as object) } };
    }
    return undefined;
  });
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}

const admin = aMe({ role: 'ADMIN' });
const patches = (sent: SentRequest[]) => sent.filter((r) => r.method === 'PATCH');

describe('宣传内容（工作台）', () => {
  it('filters by status and opens the editor for a new article', async () => {
    const sent = await signedInAs(admin, [
      anAdminArticle({ title: '春光巷整治草稿', status: 'DRAFT' }),
      anAdminArticle({ title: '和平街示范街验收', status: 'PUBLISHED', publishedAt: '2026-11-28T02:00:00.000Z', viewCount: 40 }),
    ]);
    const { container } = render(<ArticlesPage />);
    await screen.findByText('春光巷整治草稿');
    expect(screen.getByText('共 2 篇')).toBeTruthy();

    fireEvent.change(container.querySelector('select.wb-article-status')!, { target: { value: 'PUBLISHED' } });
    await waitFor(() => expect(screen.queryByText('春光巷整治草稿')).toBeNull());
    expect(screen.getByText('和平街示范街验收')).toBeTruthy();
    expect(new URL(sent.at(-1)!.url).searchParams.get('status')).toBe('PUBLISHED');

    act(() => (container.querySelector('.wb-article-new') as HTMLElement).click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/workbench/article-edit' });
  });

  it('withdraws a published article after confirmation, then offers to publish it again', async () => {
    const article = anAdminArticle({ id: 77, title: '曝光：过期食品销售', category: 'EXPOSURE', status: 'PUBLISHED', publishedAt: '2026-11-28T02:00:00.000Z' });
    const sent = await signedInAs(admin, [article]);
    const { container } = render(<ArticlesPage />);
    await screen.findByText('曝光：过期食品销售');

    act(() => (container.querySelector('.wb-article-withdraw') as HTMLElement).click());
    await screen.findByText('已撤回');
    expect(Taro.showModal).toHaveBeenCalled();
    expect(patches(sent).map((r) => [path(r), r.data])).toEqual([['/api/v1/admin/articles/77', { status: 'WITHDRAWN' }]]);

    act(() => (container.querySelector('.wb-article-republish') as HTMLElement).click());
    await waitFor(() => expect(patches(sent)).toHaveLength(2));
    expect(patches(sent)[1]!.data).toEqual({ status: 'PUBLISHED' });
  });

  it('keeps a published article when the withdrawal is cancelled', async () => {
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    const sent = await signedInAs(admin, [anAdminArticle({ status: 'PUBLISHED', publishedAt: '2026-11-28T02:00:00.000Z' })]);
    const { container } = render(<ArticlesPage />);
    await waitFor(() => expect(container.querySelector('.wb-article-withdraw')).toBeTruthy());
    act(() => (container.querySelector('.wb-article-withdraw') as HTMLElement).click());
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(patches(sent)).toHaveLength(0);
  });

  it('lets office staff only look at what is not theirs', async () => {
    await signedInAs(aMe({ role: 'OFFICE_STAFF', officeId: 1 }), [anAdminArticle({ title: '区里的工作动态', status: 'PUBLISHED', publishedAt: '2026-11-28T02:00:00.000Z', editable: false })]);
    const { container } = render(<ArticlesPage />);
    await screen.findByText('区里的工作动态');
    expect(container.querySelector('.wb-article-view')).toBeTruthy();
    expect(container.querySelector('.wb-article-edit')).toBeNull();
    expect(container.querySelector('.wb-article-withdraw')).toBeNull();
  });

  it('is not offered to a cadre', async () => {
    await signedInAs(aMe({ role: 'CADRE', cadreId: 7 }), []);
    render(<ArticlesPage />);
    expect(screen.getByText('此页面不适用于包保干部')).toBeTruthy();
  });
});
