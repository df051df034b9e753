import type { AdminArticle, ArticleListItem, PublicArticle } from '@sa/contracts';

let nextId = 500;

export function anArticleItem(overrides: Partial<ArticleListItem> = {}): ArticleListItem {
  const id = nextId++;
  return {
    id,
    title: `夏季食品安全提示第${id}期`,
    summary: '高温天气，凉拌菜、卤味等熟食容易变质，请到正规门店购买。',
    category: 'SCIENCE',
    coverUrl: null,
    publishedAt: '2026-11-20T02:00:00.000Z',
    viewCount: 12,
    office: null,
    ...overrides,
  };
}

export function aPublicArticle(overrides: Partial<PublicArticle> = {}): PublicArticle {
  return { ...anArticleItem(), bodyHtml: '<p>高温天气下，熟食请尽快食用。</p>', ...overrides };
}

export function anAdminArticle(overrides: Partial<AdminArticle> = {}): AdminArticle {
  return {
    ...aPublicArticle(),
    status: 'DRAFT',
    publishedAt: null,
    coverUploadId: null,
    createdAt: '2026-11-19T02:00:00.000Z',
    updatedAt: '2026-11-19T02:00:00.000Z',
    author: { id: 1, displayName: '区食安办' },
    editable: true,
    ...overrides,
  };
}
