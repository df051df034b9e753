import type { ArticleCategory, ArticleList, PublicArticle } from '@sa/contracts';
import { request } from './client';

export type ArticleSearch = { category?: ArticleCategory; q?: string; limit?: number; offset?: number };

/** Published articles, newest first. */
export function fetchArticles(search: ArticleSearch = {}): Promise<ArticleList> {
  return request<ArticleList>('GET', '/api/v1/public/articles', { query: { limit: 10, ...search } });
}

/** One published article with its sanitised `bodyHtml`; counts a view. */
export function fetchArticle(id: number): Promise<PublicArticle> {
  return request<PublicArticle>('GET', `/api/v1/public/articles/${id}`);
}
