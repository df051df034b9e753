import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { routerParams } from '../../test/fake-taro';
import { path, serve } from '../../test/fake-server';
import { adaptHtml, linksOf } from '../../components/rich-text';
import { aPublicArticle } from './test-builders';
import ArticlePage from './article';

describe('资讯详情', () => {
  it('shows the article with its category, date, office, views and the sanitised body', async () => {
    const article = aPublicArticle({
      id: 42,
      title: '关于开展“食品安全宣传周”活动的通知',
      category: 'NOTICE',
      office: { id: 1, name: '东湖市场监管所' },
      viewCount: 128,
      publishedAt: '2026-11-20T02:00:00.000Z',
      bodyHtml: '<h2>活动安排</h2><p>12 月 1 日起在各社区开展宣传。</p><p><img src="/api/v1/public/images/0c2b3f8e-1d2a-4c5b-9e6f-7a8b9c0d1e2f" alt="宣传现场"></p>',
    });
    routerParams.id = '42';
    const sent = serve((req) => (path(req) === '/api/v1/public/articles/42' ? { statusCode: 200, data: article } : undefined));
    const { container } = render(<ArticlePage />);

    expect(await screen.findByText('关于开展“食品安全宣传周”活动的通知')).toBeTruthy();
    expect(screen.getByText('通知公告')).toBeTruthy();
    expect(screen.getByText('2026-11-20 10:00')).toBeTruthy();
    expect(screen.getByText('发布单位：东湖市场监管所')).toBeTruthy();
    expect(screen.getByText('阅读 128')).toBeTruthy();
    expect(screen.getByText('‹ 返回列表')).toBeTruthy();
    expect(sent).toHaveLength(1);
    // The body goes to RichText as HTML, image paths pointed at the API.
    const rich = container.querySelector('taro-rich-text-core') as HTMLElement & { nodes?: string };
    expect(rich.nodes).toContain('<h2>活动安排</h2>');
    expect(rich.nodes).toContain('src="https://api.example.test/api/v1/public/images/0c2b3f8e-1d2a-4c5b-9e6f-7a8b9c0d1e2f"');
  });

  it('says the article does not exist or was withdrawn on a 404', async () => {
    routerParams.id = '7';
    serve((req) => (path(req) === '/api/v1/public/articles/7' ? { statusCode: 404, data: { code: 'NOT_FOUND', message: '资源不存在' } } : undefined));
    render(<ArticlePage />);
    expect(await screen.findByText('文章不存在或已撤回')).toBeTruthy();
    expect(screen.getByText('‹ 返回列表')).toBeTruthy();
  });

  it('says the same of a link with no valid id, without asking the server', async () => {
    routerParams.id = 'abc';
    const sent = serve(() => undefined);
    render(<ArticlePage />);
    expect(await screen.findByText('文章不存在或已撤回')).toBeTruthy();
    expect(sent).toHaveLength(0);
  });

  it('offers 重新加载 when the server cannot be reached', async () => {
    routerParams.id = '42';
    serve(() => new Error('offline'));
    render(<ArticlePage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(screen.getByText('重新加载')).toBeTruthy();
  });
});

describe('article HTML on each build', () => {
  const body = '<p>见<a href="https://www.samr.gov.cn/">总局网站</a></p><img src="/api/v1/public/images/x">';

  it('h5: links open in a new tab without handing over the page', () => {
    expect(adaptHtml(body, 'h5')).toContain('<a target="_blank" rel="noopener noreferrer" href="https://www.samr.gov.cn/">');
  });

  it('weapp: images carry their width limit, and links are listed to copy', () => {
    expect(adaptHtml(body, 'weapp')).toContain('<img style="max-width:100%;height:auto;display:block;margin:8px auto;" src="https://api.example.test/api/v1/public/images/x">');
    expect(adaptHtml('<img style="max-width:100%;height:auto" src="/x">', 'weapp')).toBe('<img style="max-width:100%;height:auto" src="/x">');
    expect(linksOf(body)).toEqual([{ href: 'https://www.samr.gov.cn/', text: '总局网站' }]);
  });
});
