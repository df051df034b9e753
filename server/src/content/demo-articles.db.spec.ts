import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_CATEGORIES, type ArticleList } from '@sa/contracts';
import { seedDemoDistrict } from '@sa/db';
import { DEMO_ARTICLES } from '../../../prisma/src/seed/articles';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { sanitiseArticleHtml } from './article-html';

describe('demo seed: 宣传 articles', () => {
  let app: TestApp;
  const publishedTitles = DEMO_ARTICLES.filter((a) => a.status === 'PUBLISHED').map((a) => a.title);

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoDistrict(app.prisma, { hashPassword: async (plain) => `test-hash$${plain}` });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('publishes about twenty articles in every one of the six categories, newest first', async () => {
    const all = await app.get<ArticleList>('/api/v1/public/articles?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(publishedTitles.length);
    expect(all.body.total).toBeGreaterThanOrEqual(18);
    expect(all.body.items.map((a) => a.title).sort()).toEqual([...publishedTitles].sort());
    const dates = all.body.items.map((a) => a.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const d of dates) expect(d >= '2026-01-01' && d < '2026-12-02', d).toBe(true);
    for (const category of ARTICLE_CATEGORIES) {
      const { body } = await app.get<ArticleList>(`/api/v1/public/articles?category=${category}`);
      expect(body.total, category).toBeGreaterThanOrEqual(3);
    }
  });

  it('has a notice from each of the three offices, under its name', async () => {
    const { body } = await app.get<ArticleList>('/api/v1/public/articles?category=NOTICE&limit=100');
    const offices = body.items.flatMap((a) => (a.office ? [a.office.name] : []));
    expect(offices.sort()).toEqual(['城东市场监管所', '城西市场监管所', '湖滨市场监管所']);
    expect(body.items.some((a) => a.office === null)).toBe(true);
  });

  it('covers the three model streets and the summer food-poisoning advice', async () => {
    const { body } = await app.get<ArticleList>('/api/v1/public/articles?category=MODEL_STREET');
    for (const street of ['和平街', '春光巷', '太阳市场']) expect(body.items.some((a) => a.title.includes(street)), street).toBe(true);
    expect((await app.get<ArticleList>(`/api/v1/public/articles?q=${encodeURIComponent('细菌性食物中毒')}`)).body.total).toBe(1);
  });

  it('keeps the draft and the withdrawn article out of public view', async () => {
    const hidden = await app.prisma.article.findMany({ where: { status: { not: 'PUBLISHED' } }, select: { id: true, status: true } });
    expect(hidden.map((a) => a.status).sort()).toEqual(['DRAFT', 'WITHDRAWN']);
    for (const { id } of hidden) expect((await app.get(`/api/v1/public/articles/${id}`)).status).toBe(404);
  });

  it('stores bodies that the sanitiser leaves exactly as they are, with readable length', async () => {
    const rows = await app.prisma.article.findMany({ select: { title: true, bodyHtml: true, status: true } });
    for (const row of rows) {
      expect(sanitiseArticleHtml(row.bodyHtml), row.title).toBe(row.bodyHtml);
      if (row.status === 'PUBLISHED') {
        expect(row.bodyHtml, row.title).toMatch(/<h2>/);
        expect((row.bodyHtml.match(/<p>/g) ?? []).length, row.title).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
