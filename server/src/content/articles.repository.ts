import { Inject, Injectable } from '@nestjs/common';
import type { ArticleCategory, ArticleStatus, Prisma as PrismaTypes } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';

const articleSelect = {
  id: true,
  title: true,
  summary: true,
  category: true,
  bodyHtml: true,
  coverUploadId: true,
  status: true,
  publishedAt: true,
  withdrawnAt: true,
  viewCount: true,
  officeId: true,
  authorUserId: true,
  createdAt: true,
  updatedAt: true,
} satisfies PrismaTypes.ArticleSelect;

export type ArticleRow = PrismaTypes.ArticleGetPayload<{ select: typeof articleSelect }>;
export type ArticleListRow = Omit<ArticleRow, 'bodyHtml'>;

const { bodyHtml: _body, ...listSelect } = articleSelect;

export type ArticleFilter = { category?: ArticleCategory; status?: ArticleStatus; q?: string; officeId?: number };
export type ArticleFields = {
  title: string;
  summary: string | null;
  category: ArticleCategory;
  bodyHtml: string;
  coverUploadId: string | null;
  status: ArticleStatus;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
};
export type UploadForArticle = { id: string; uploaderRole: string | null; checkState: string | null };

/** `%`, `_` and `\` a reader types are literal characters: Prisma's `contains` passes them to LIKE as wildcards. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(filter: ArticleFilter): PrismaTypes.ArticleWhereInput {
  const q = filter.q?.trim();
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.officeId !== undefined ? { officeId: filter.officeId } : {}),
    ...(q
      ? { OR: [{ title: { contains: literal(q), mode: 'insensitive' } }, { summary: { contains: literal(q), mode: 'insensitive' } }] }
      : {}),
  };
}

/** The only place that reads and writes articles and their image links. */
@Injectable()
export class ArticlesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** Published articles, newest publication first; the id breaks ties so pages never overlap. */
  async listPublished(filter: Omit<ArticleFilter, 'status' | 'officeId'>, page: { limit: number; offset: number }) {
    const where = whereOf({ ...filter, status: 'PUBLISHED' });
    const [items, total] = await Promise.all([
      this.prisma.article.findMany({ where, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], take: page.limit, skip: page.offset, select: listSelect }),
      this.prisma.article.count({ where }),
    ]);
    return { items, total };
  }

  /** The workbench list: every status, most recently edited first. */
  async listAll(filter: ArticleFilter, page: { limit: number; offset: number }) {
    const where = whereOf(filter);
    const [items, total] = await Promise.all([
      this.prisma.article.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take: page.limit, skip: page.offset, select: articleSelect }),
      this.prisma.article.count({ where }),
    ]);
    return { items, total };
  }

  findById(id: number): Promise<ArticleRow | null> {
    return this.prisma.article.findUnique({ where: { id }, select: articleSelect });
  }

  /** One reading of a published article: the view is counted in the same statement that finds it. */
  async readPublished(id: number): Promise<ArticleRow | null> {
    const rows = await this.prisma.article.updateManyAndReturn({
      where: { id, status: 'PUBLISHED' },
      data: { viewCount: { increment: 1 } },
      select: articleSelect,
    });
    return rows[0] ?? null;
  }

  async create(fields: ArticleFields, owner: { officeId: number | null; authorUserId: number }, imageIds: string[]): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const { id } = await tx.article.create({ data: { ...fields, ...owner }, select: { id: true } });
      if (imageIds.length > 0) await tx.articleImage.createMany({ data: imageIds.map((uploadId) => ({ articleId: id, uploadId })) });
      return id;
    });
  }

  /**
   * Saves only if the article is still in the status the edit was decided on (a colleague may have withdrawn it
   * meanwhile); the image links become exactly `imageIds`. False when the status had changed.
   */
  async update(id: number, expected: ArticleStatus, fields: ArticleFields, editorUserId: number, imageIds: string[]): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.article.updateMany({ where: { id, status: expected }, data: { ...fields, authorUserId: editorUserId } });
      if (count === 0) return false;
      await tx.articleImage.deleteMany({ where: { articleId: id, uploadId: { notIn: imageIds } } });
      if (imageIds.length > 0) await tx.articleImage.createMany({ data: imageIds.map((uploadId) => ({ articleId: id, uploadId })), skipDuplicates: true });
      return true;
    });
  }

  async uploads(ids: string[]): Promise<UploadForArticle[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.upload.findMany({ where: { id: { in: ids } }, select: { id: true, uploaderUserId: true, checkState: true } });
    const uploaderIds = [...new Set(rows.flatMap((r) => (r.uploaderUserId === null ? [] : [r.uploaderUserId])))];
    const users = uploaderIds.length === 0 ? [] : await this.prisma.user.findMany({ where: { id: { in: uploaderIds } }, select: { id: true, role: true } });
    const roles = new Map(users.map((u) => [u.id, u.role as string]));
    return rows.map((r) => ({ id: r.id, uploaderRole: r.uploaderUserId === null ? null : (roles.get(r.uploaderUserId) ?? null), checkState: r.checkState }));
  }

  async officeNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.office.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async userNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /**
   * Whether a published article, or a draft being written, shows the upload as its cover or in its body. Drafts'
   * images are served so that the editor (a plain <img>, no token) shows them; their ids are known to editors only.
   */
  async isShownImage(uploadId: string): Promise<boolean> {
    const n = await this.prisma.articleImage.count({ where: { uploadId, article: { status: { in: ['PUBLISHED', 'DRAFT'] } } } });
    return n > 0;
  }
}
