import { describe, expect, it } from 'vitest';
import { ARTICLE_STATUSES } from '@sa/contracts';
import { articleTransition, mayEditArticle, officeOfNewArticle, publicationDates } from './article-rules';

describe('mayEditArticle', () => {
  const staff = { role: 'OFFICE_STAFF' as const, officeId: 7 };
  it('lets the admin edit everything and office staff only their office’s notices', () => {
    expect(mayEditArticle({ role: 'ADMIN', officeId: null }, { category: 'EXPOSURE', officeId: 7 })).toBe(true);
    expect(mayEditArticle(staff, { category: 'NOTICE', officeId: 7 })).toBe(true);
    expect(mayEditArticle(staff, { category: 'NOTICE', officeId: 8 })).toBe(false);
    expect(mayEditArticle(staff, { category: 'NOTICE', officeId: null })).toBe(false);
    expect(mayEditArticle(staff, { category: 'WORK_NEWS', officeId: 7 })).toBe(false);
    expect(mayEditArticle({ role: 'OFFICE_STAFF', officeId: null }, { category: 'NOTICE', officeId: null })).toBe(false);
    for (const role of ['CADRE', 'VOLUNTEER', 'RESIDENT'] as const) expect(mayEditArticle({ role, officeId: 7 }, { category: 'NOTICE', officeId: 7 })).toBe(false);
  });
  it('files a new article under the writer’s office, or the bureau for the admin', () => {
    expect(officeOfNewArticle(staff)).toBe(7);
    expect(officeOfNewArticle({ role: 'ADMIN', officeId: 3 })).toBeNull();
  });
});

describe('article status table', () => {
  it('allows publish, withdraw and re-publish, and nothing back to draft or from draft to withdrawn', () => {
    const allowed = ARTICLE_STATUSES.flatMap((from) => ARTICLE_STATUSES.filter((to) => articleTransition(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(['DRAFT>DRAFT', 'DRAFT>PUBLISHED', 'PUBLISHED>PUBLISHED', 'PUBLISHED>WITHDRAWN', 'WITHDRAWN>PUBLISHED', 'WITHDRAWN>WITHDRAWN']);
  });
});

describe('publicationDates', () => {
  const first = new Date('2026-03-01T00:00:00Z');
  const now = new Date('2026-05-01T00:00:00Z');
  it('dates the first publication and keeps that date on re-publication', () => {
    expect(publicationDates({ publishedAt: null, withdrawnAt: null }, 'PUBLISHED', now)).toEqual({ publishedAt: now, withdrawnAt: null });
    expect(publicationDates({ publishedAt: first, withdrawnAt: new Date('2026-04-01T00:00:00Z') }, 'PUBLISHED', now)).toEqual({ publishedAt: first, withdrawnAt: null });
  });
  it('records a withdrawal and leaves a draft undated', () => {
    expect(publicationDates({ publishedAt: first, withdrawnAt: null }, 'WITHDRAWN', now)).toEqual({ publishedAt: first, withdrawnAt: now });
    expect(publicationDates({ publishedAt: null, withdrawnAt: null }, 'DRAFT', now)).toEqual({ publishedAt: null, withdrawnAt: null });
  });
});
