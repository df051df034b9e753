import type { ArticleCategory, ArticleStatus, Role } from '@sa/contracts';

// 宣传 articles: who may edit which article, and the status table (草稿 → 已发布 → 已撤回, re-publishing allowed).

export type ArticleEditor = { role: Role; officeId: number | null };
export type ArticleScope = { category: ArticleCategory; officeId: number | null };

/**
 * The bureau admin edits every article; office staff only their own office's 通知公告; nobody else edits.
 * Also decides what an office's staff see in the workbench list.
 */
export function mayEditArticle(editor: ArticleEditor, article: ArticleScope): boolean {
  if (editor.role === 'ADMIN') return true;
  if (editor.role !== 'OFFICE_STAFF' || editor.officeId === null) return false;
  return article.category === 'NOTICE' && article.officeId === editor.officeId;
}

/** The office a new article belongs to: office staff write for their office, the admin for the bureau. */
export function officeOfNewArticle(editor: ArticleEditor): number | null {
  return editor.role === 'OFFICE_STAFF' ? editor.officeId : null;
}

type Transition = { from: ArticleStatus; to: ArticleStatus; change: 'edit' | 'publish' | 'withdraw' | 'republish' };

/** Every status change a save may make; anything else is INVALID_TRANSITION. */
export const ARTICLE_TRANSITIONS: readonly Transition[] = [
  { from: 'DRAFT', to: 'DRAFT', change: 'edit' },
  { from: 'DRAFT', to: 'PUBLISHED', change: 'publish' },
  { from: 'PUBLISHED', to: 'PUBLISHED', change: 'edit' },
  { from: 'PUBLISHED', to: 'WITHDRAWN', change: 'withdraw' },
  { from: 'WITHDRAWN', to: 'WITHDRAWN', change: 'edit' },
  { from: 'WITHDRAWN', to: 'PUBLISHED', change: 'republish' },
];

export function articleTransition(from: ArticleStatus, to: ArticleStatus): Transition | undefined {
  return ARTICLE_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export type PublicationDates = { publishedAt: Date | null; withdrawnAt: Date | null };

/**
 * The dates after a save: the first publication keeps its date through later edits and re-publication
 * (readers see when it first came out); a withdrawal records when, and re-publishing clears it.
 */
export function publicationDates(current: PublicationDates, to: ArticleStatus, now: Date): PublicationDates {
  switch (to) {
    case 'DRAFT':
      return current;
    case 'PUBLISHED':
      return { publishedAt: current.publishedAt ?? now, withdrawnAt: null };
    case 'WITHDRAWN':
      return { publishedAt: current.publishedAt, withdrawnAt: now };
  }
}
