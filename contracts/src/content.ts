import { z } from 'zod';
import { formText, paging, type Page } from './common';
import { plainText } from './registry';
import { ARTICLE_CATEGORIES, ARTICLE_CATEGORY_LABELS, type ArticleCategory } from './portal-constants';

// 宣传: articles in six categories; the server stores `bodyHtml` only after sanitising it. The categories and their
// labels are in the zod-free portal-constants, since 首页 shows them on the first load.
export { ARTICLE_CATEGORIES, ARTICLE_CATEGORY_LABELS, type ArticleCategory };

export const ARTICLE_STATUSES = ['DRAFT', 'PUBLISHED', 'WITHDRAWN'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = { DRAFT: '草稿', PUBLISHED: '已发布', WITHDRAWN: '已撤回' };

/** Where an article's images are public: only while a published article shows them (cover or body). */
export const PUBLIC_IMAGE_PATH = '/api/v1/public/images/';
export const publicImageUrl = (uploadId: string) => `${PUBLIC_IMAGE_PATH}${uploadId}`;

/** The most a body may hold before sanitising (images are referenced by URL, never inlined). */
export const ARTICLE_BODY_MAX = 100_000;

export const publicArticlesQuery = z.object({
  category: z.enum(ARTICLE_CATEGORIES).optional(),
  q: plainText(0, 50).optional(),
  ...paging,
});
export type PublicArticlesQuery = z.infer<typeof publicArticlesQuery>;

export type ArticleListItem = {
  id: number;
  title: string;
  summary: string | null;
  category: ArticleCategory;
  /** URL of the cover image, or null */
  coverUrl: string | null;
  publishedAt: string;
  viewCount: number;
  /** the office that issued a notice, or null for the bureau */
  office: { id: number; name: string } | null;
};
export type ArticleList = Page<ArticleListItem>;
export type PublicArticle = ArticleListItem & { bodyHtml: string };

export const articleInput = z.object({
  title: formText(2, 80, { minMessage: '请填写标题', maxMessage: '标题最多 80 字' }),
  category: z.enum(ARTICLE_CATEGORIES),
  summary: formText(0, 200, { maxMessage: '摘要最多 200 字' }).optional(),
  bodyHtml: z.string().min(1, '请填写正文').max(ARTICLE_BODY_MAX, '正文过长').refine((s) => !s.includes('\u0000'), '正文不能包含控制字符'),
  coverUploadId: z.string().uuid('封面图片编号格式不正确').nullable().optional(),
  status: z.enum(['DRAFT', 'PUBLISHED']),
});
export type ArticleInput = z.infer<typeof articleInput>;

/** PATCH: any field, and `status: "WITHDRAWN"` withdraws a published article. */
export const articlePatch = articleInput.partial().extend({ status: z.enum(ARTICLE_STATUSES).optional() });
export type ArticlePatch = z.infer<typeof articlePatch>;

export const adminArticlesQuery = z.object({
  category: z.enum(ARTICLE_CATEGORIES).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  q: plainText(0, 50).optional(),
  ...paging,
});
export type AdminArticlesQuery = z.infer<typeof adminArticlesQuery>;

// publishedAt is null for a draft that was never published, so it is redefined rather than intersected.
export type AdminArticle = Omit<PublicArticle, 'publishedAt'> & {
  status: ArticleStatus;
  publishedAt: string | null;
  coverUploadId: string | null;
  createdAt: string;
  updatedAt: string;
  author: { id: number; displayName: string } | null;
  /** whether the caller may edit it (admin: all; office staff: their office's notices) */
  editable: boolean;
};
