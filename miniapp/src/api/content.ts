import type { AdminArticle, ArticleCategory, ArticleInput, ArticleList, ArticlePatch, ArticleStatus, Page, PublicArticle } from '@sa/contracts';
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

export type AdminArticleSearch = { category?: ArticleCategory; status?: ArticleStatus; q?: string; limit?: number; offset?: number };

/** 宣传内容 in the workbench: every status, the caller's own scope (office staff: their office's notices and the rest read-only). */
export function fetchAdminArticles(search: AdminArticleSearch = {}): Promise<Page<AdminArticle>> {
  return request<Page<AdminArticle>>('GET', '/api/v1/admin/articles', { query: { limit: 20, ...search } });
}

export function fetchAdminArticle(id: number): Promise<AdminArticle> {
  return request<AdminArticle>('GET', `/api/v1/admin/articles/${id}`);
}

/** A new article as 草稿 or 发布; the reply holds the body as the server sanitised it. */
export function createArticle(input: ArticleInput): Promise<AdminArticle> {
  return request<AdminArticle>('POST', '/api/v1/admin/articles', { body: input });
}

/** Edits, publishes (`status: 'PUBLISHED'`) or withdraws (`status: 'WITHDRAWN'`) an article. */
export function updateArticle(id: number, patch: ArticlePatch): Promise<AdminArticle> {
  return request<AdminArticle>('PATCH', `/api/v1/admin/articles/${id}`, { body: patch });
}
