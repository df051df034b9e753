import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ArticleListItem } from '@sa/contracts';
import Taro, { routerParams } from '../../test/fake-taro';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import { anArticleItem } from './test-builders';
import NewsPage from './index';

const query = (req: SentRequest) => new URL(req.url).searchParams;

/** A public article list of `all`, filtered and paged like the server's. */
function serveArticles(all: ArticleListItem[]) {
  return serve((req) => {
    if (path(req) !== '/api/v1/public/articles') return undefined;
    const q = query(req);
    const matching = all.filter((a) => (!q.get('category') || a.category === q.get('category')) && (!q.get('q') || a.title.includes(q.get('q')!)));
    const offset = Number(q.get('offset') ?? 0);
    const limit = Number(q.get('limit') ?? 20);
    return { statusCode: 200, data: { items: matching.slice(offset, offset + limit), total: matching.length } };
  });
}

const articleRequests = (sent: SentRequest[]) => sent.filter((r) => path(r) === '/api/v1/public/articles');
const rows = (container: HTMLElement) => Array.from(container.querySelectorAll('.news-title')).map((e) => e.textContent);

describe('宣传资讯', () => {
  it('lists the newest articles with category, date and views, and pages on with 加载更多', async () => {
    const all = Array.from({ length: 13 }, (_, i) => anArticleItem({ title: `第${i + 1}篇`, viewCount: i }));
    const sent = serveArticles(all);
    const { container } = render(<NewsPage />);

    await screen.findByText('第1篇');
    expect(rows(container)).toHaveLength(10);
    expect(screen.getByText('共 13 篇，已显示 10 篇')).toBeTruthy();
    expect(container.querySelector('.news-row .tag')?.textContent).toBe('科普知识');
    expect(screen.getByText('阅读 9')).toBeTruthy();

    act(() => (container.querySelector('.news-more') as HTMLElement).click());
    await screen.findByText('第13篇');
    expect(rows(container)).toHaveLength(13);
    expect(screen.getByText('共 13 篇')).toBeTruthy();
    expect(container.querySelector('.news-more')).toBeNull();
    expect(query(articleRequests(sent)[1]!).get('offset')).toBe('10');
  });

  it('opens on the category the link names and switches category with the arrow keys', async () => {
    routerParams.category = 'NOTICE';
    const sent = serveArticles([
      anArticleItem({ title: '关于开展食品安全宣传周活动的通知', category: 'NOTICE', office: { id: 1, name: '东湖市场监管所' } }),
      anArticleItem({ title: '曝光：无证经营的小作坊', category: 'EXPOSURE' }),
    ]);
    const { container } = render(<NewsPage />);

    await screen.findByText('关于开展食品安全宣传周活动的通知');
    expect(screen.queryByText('曝光：无证经营的小作坊')).toBeNull();
    expect(screen.getByText('东湖市场监管所')).toBeTruthy();
    const notice = screen.getByRole('tab', { name: '通知公告' });
    expect(notice.getAttribute('aria-selected')).toBe('true');
    expect(notice.getAttribute('tabindex')).toBe('0');
    expect(screen.getByRole('tab', { name: '全部' }).getAttribute('tabindex')).toBe('-1');

    fireEvent.keyDown(notice, { key: 'ArrowRight' });
    await screen.findByText('曝光：无证经营的小作坊');
    const exposure = screen.getByRole('tab', { name: '曝光台' });
    expect(exposure.getAttribute('aria-selected')).toBe('true');
    expect(rows(container)).toEqual(['曝光：无证经营的小作坊']);
    expect(query(articleRequests(sent).at(-1)!).get('category')).toBe('EXPOSURE');

    fireEvent.keyDown(exposure, { key: 'Home' });
    await waitFor(() => expect(screen.getByRole('tab', { name: '全部' }).getAttribute('aria-selected')).toBe('true'));
    expect(query(articleRequests(sent).at(-1)!).get('category')).toBeNull();
  });

  it('searches by keyword and says when nothing matches', async () => {
    const sent = serveArticles([anArticleItem({ title: '校园周边食品安全检查' }), anArticleItem({ title: '夜市烧烤摊整治' })]);
    const { container } = render(<NewsPage />);
    await screen.findByText('夜市烧烤摊整治');

    await typeInto(container, 'news-q', '校园');
    act(() => (container.querySelector('.news-search-go') as HTMLElement).click());
    await waitFor(() => expect(rows(container)).toEqual(['校园周边食品安全检查']));
    expect(query(articleRequests(sent).at(-1)!).get('q')).toBe('校园');
    expect(screen.getByText('“校园”的搜索结果')).toBeTruthy();

    await typeInto(container, 'news-q', '奶茶');
    act(() => (container.querySelector('.news-search-go') as HTMLElement).click());
    expect(await screen.findByText('没有找到与“奶茶”相关的资讯')).toBeTruthy();
  });

  it('says what went wrong and loads again on 重新加载', async () => {
    let fail = true;
    serve((req) => {
      if (path(req) !== '/api/v1/public/articles') return undefined;
      if (fail) return new Error('offline');
      return { statusCode: 200, data: { items: [anArticleItem({ title: '恢复后的文章' })], total: 1 } };
    });
    render(<NewsPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fail = false;
    act(() => screen.getByText('重新加载').click());
    expect(await screen.findByText('恢复后的文章')).toBeTruthy();
  });

  it('opens an article from the list by keyboard', async () => {
    const article = anArticleItem({ title: '冬季进补食品安全提示' });
    serveArticles([article]);
    render(<NewsPage />);
    const row = await screen.findByRole('link', { name: /冬季进补食品安全提示/ });
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/news/article?id=${article.id}` });
  });

  it('shows an empty category plainly', async () => {
    routerParams.category = 'VOLUNTEER';
    serveArticles([]);
    render(<NewsPage />);
    expect(await screen.findByText('暂无志愿者风采')).toBeTruthy();
  });
});
