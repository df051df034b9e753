import { Injectable } from '@nestjs/common';
import {
  publicImageUrl,
  type AdminArticle,
  type AdminArticlesQuery,
  type ArticleInput,
  type ArticleList,
  type ArticleListItem,
  type ArticlePatch,
  type Page,
  type PublicArticle,
  type PublicArticlesQuery,
} from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { isStaffRole } from '../auth/session-policy';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { JsonLogger } from '../common/logger';
import { hasVisibleContent, ownImageIds, sanitiseArticleHtml } from './article-html';
import { articleTransition, mayEditArticle, officeOfNewArticle, publicationDates } from './article-rules';
import { ArticlesRepository, type ArticleFields, type ArticleListRow, type ArticleRow } from './articles.repository';

/** 宣传: the public reading of published articles, and the workbench's editing of them. */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly repo: ArticlesRepository,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
  ) {}

  async listPublished(query: PublicArticlesQuery): Promise<ArticleList> {
    const { items, total } = await this.repo.listPublished({ category: query.category, q: query.q }, query);
    const offices = await this.repo.officeNames(officeIds(items));
    return { items: items.map((row) => listItem(row, offices)), total };
  }

  /** Drafts and withdrawn articles are not found, exactly like ids that never existed. */
  async readPublished(id: number): Promise<PublicArticle> {
    const row = await this.repo.readPublished(id);
    if (!row) throw notFound();
    const offices = await this.repo.officeNames(officeIds([row]));
    return { ...listItem(row, offices), bodyHtml: row.bodyHtml };
  }

  /** The admin sees every article; office staff the articles of their own office. */
  async listForEditor(caller: AuthUser, query: AdminArticlesQuery): Promise<Page<AdminArticle>> {
    const officeId = caller.role === 'ADMIN' ? undefined : (caller.officeId ?? -1);
    const { items, total } = await this.repo.listAll({ category: query.category, status: query.status, q: query.q, officeId }, query);
    return { items: await this.adminViews(caller, items), total };
  }

  async getForEditor(caller: AuthUser, id: number): Promise<AdminArticle> {
    const row = await this.requireEditable(caller, id);
    return (await this.adminViews(caller, [row]))[0] as AdminArticle;
  }

  async create(caller: AuthUser, input: ArticleInput): Promise<AdminArticle> {
    const officeId = officeOfNewArticle(caller);
    if (!mayEditArticle(caller, { category: input.category, officeId })) throw notEditable(caller);
    const bodyHtml = cleanBody(input.bodyHtml);
    const coverUploadId = input.coverUploadId?.toLowerCase() ?? null;
    const imageIds = await this.usableImages(coverUploadId, bodyHtml);
    const fields: ArticleFields = {
      title: input.title,
      summary: emptyToNull(input.summary),
      category: input.category,
      bodyHtml,
      coverUploadId,
      status: input.status,
      ...publicationDates({ publishedAt: null, withdrawnAt: null }, input.status, this.clock.now()),
    };
    const id = await this.repo.create(fields, { officeId, authorUserId: caller.id }, imageIds);
    this.audit(caller, id, input.status === 'PUBLISHED' ? 'publish' : 'create', null, input.status);
    return this.getForEditor(caller, id);
  }

  /** An edit, a publication, a withdrawal (`status: "WITHDRAWN"`) or a re-publication. */
  async update(caller: AuthUser, id: number, patch: ArticlePatch): Promise<AdminArticle> {
    const current = await this.requireEditable(caller, id);
    const category = patch.category ?? current.category;
    // Office staff may not turn their notice into another category (which only the admin edits).
    if (!mayEditArticle(caller, { category, officeId: current.officeId })) throw notEditable(caller);
    const to = patch.status ?? current.status;
    const transition = articleTransition(current.status, to);
    if (!transition) throw new DomainException('INVALID_TRANSITION', transitionRefusal(current.status, to));
    const bodyHtml = patch.bodyHtml === undefined ? current.bodyHtml : cleanBody(patch.bodyHtml);
    const coverUploadId = patch.coverUploadId === undefined ? current.coverUploadId : (patch.coverUploadId?.toLowerCase() ?? null);
    const imageIds = await this.usableImages(coverUploadId, bodyHtml);
    const fields: ArticleFields = {
      title: patch.title ?? current.title,
      summary: patch.summary === undefined ? current.summary : emptyToNull(patch.summary),
      category,
      bodyHtml,
      coverUploadId,
      status: to,
      ...publicationDates(current, to, this.clock.now()),
    };
    if (!(await this.repo.update(id, current.status, fields, caller.id, imageIds))) {
      throw new DomainException('INVALID_TRANSITION', '文章状态刚被他人修改，请刷新后重试');
    }
    this.audit(caller, id, transition.change, current.status, to);
    return this.getForEditor(caller, id);
  }

  private async requireEditable(caller: AuthUser, id: number): Promise<ArticleRow> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound();
    if (!mayEditArticle(caller, row)) throw notEditable(caller);
    return row;
  }

  /**
   * The uploads the article will show from our own image path: each must exist, come from a staff member's
   * upload (never a resident's complaint photo) and not be judged risky by the content check.
   */
  private async usableImages(coverUploadId: string | null, bodyHtml: string): Promise<string[]> {
    const ids = [...new Set([...(coverUploadId ? [coverUploadId] : []), ...ownImageIds(bodyHtml)])];
    const found = new Map((await this.repo.uploads(ids)).map((u) => [u.id, u]));
    for (const id of ids) {
      const upload = found.get(id);
      if (!upload) throw new DomainException('PHOTO_NOT_FOUND', '文中或封面的图片不存在，请重新上传');
      if (upload.uploaderRole === null || !isStaffRole(upload.uploaderRole as AuthUser['role'])) {
        throw new DomainException('PHOTO_NOT_FOUND', '只能使用工作人员在编辑器中上传的图片，请重新上传');
      }
      if (upload.checkState === 'RISKY') throw new DomainException('IMAGE_RISKY');
    }
    return [...found.values()].map((u) => u.id);
  }

  private async adminViews(caller: AuthUser, rows: ArticleRow[]): Promise<AdminArticle[]> {
    const [offices, authors] = await Promise.all([
      this.repo.officeNames(officeIds(rows)),
      this.repo.userNames([...new Set(rows.flatMap((r) => (r.authorUserId === null ? [] : [r.authorUserId])))]),
    ]);
    return rows.map((row) => ({
      ...listItem(row, offices),
      bodyHtml: row.bodyHtml,
      status: row.status,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      coverUploadId: row.coverUploadId,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      author: row.authorUserId === null ? null : { id: row.authorUserId, displayName: authors.get(row.authorUserId) ?? '' },
      editable: mayEditArticle(caller, row),
    }));
  }

  /** Who changed which article how: the edit trail of publicity content. */
  private audit(caller: AuthUser, articleId: number, change: string, from: string | null, to: string): void {
    this.logger.write('info', 'article saved', { articleId, change, from, to, userId: caller.id, role: caller.role, officeId: caller.officeId });
  }
}

function listItem(row: ArticleListRow, offices: Map<number, string>): ArticleListItem {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    category: row.category,
    coverUrl: row.coverUploadId ? publicImageUrl(row.coverUploadId) : null,
    // Only published rows reach the public; a draft's empty date is the workbench's concern (AdminArticle).
    publishedAt: row.publishedAt?.toISOString() ?? '',
    viewCount: row.viewCount,
    office: row.officeId === null ? null : { id: row.officeId, name: offices.get(row.officeId) ?? '' },
  };
}

function cleanBody(html: string): string {
  const clean = sanitiseArticleHtml(html);
  if (!hasVisibleContent(clean)) throw new DomainException('HTML_EMPTY_AFTER_SANITISE');
  return clean;
}

const emptyToNull = (text: string | undefined) => (text === undefined || text === '' ? null : text);

const officeIds = (rows: { officeId: number | null }[]) => [...new Set(rows.flatMap((r) => (r.officeId === null ? [] : [r.officeId])))];

function transitionRefusal(from: string, to: string): string {
  if (from === 'DRAFT' && to === 'WITHDRAWN') return '草稿尚未发布，无需撤回';
  if (to === 'DRAFT') return '已发布或已撤回的文章不能改回草稿，可直接编辑或撤回';
  return '当前状态下不能进行此操作';
}

function notFound(): DomainException {
  return new DomainException('NOT_FOUND', '文章不存在或已撤回');
}

function notEditable(caller: AuthUser): DomainException {
  return caller.role === 'OFFICE_STAFF' && caller.officeId !== null
    ? new DomainException('ARTICLE_NOT_EDITABLE')
    : new DomainException('ARTICLE_NOT_EDITABLE', '您的账号没有编辑宣传内容的权限');
}
