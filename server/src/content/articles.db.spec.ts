import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminArticle, ArticleInput, ArticleList, PublicArticle } from '@sa/contracts';
import { aCadre, aUser, aWorld, type World } from '../../../test/support/builders';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { aPhoto } from '../uploads/testing/photo-builder';

// The server's clock keeps ticking after travelTo: a stamp is right to the minute.
const atMinute = (iso: string) => expect.stringMatching(new RegExp(`^${iso.slice(0, 16)}`));

const BODY = '<h2>一、注意事项</h2><p>生熟分开，<strong>烧熟煮透</strong>。</p><ul><li>冷藏</li><li>洗手</li></ul>';

describe('宣传 articles: public reading and workbench editing', () => {
  let app: TestApp;
  let dataDir: string;
  let world: World;
  let admin: string;
  let staff: string;
  let otherStaff: string;
  let cadre: string;
  let resident: string;

  const article = (over: Partial<ArticleInput> = {}): ArticleInput => ({ title: '夏季预防细菌性食物中毒', category: 'SCIENCE', bodyHtml: BODY, status: 'PUBLISHED', ...over });
  const create = (body: unknown, token = admin) => app.request<AdminArticle & { code: string; message: string }>('POST', '/api/v1/admin/articles', { body, token });
  const patch = (id: number, body: unknown, token = admin) =>
    app.request<AdminArticle & { code: string; message: string }>('PATCH', `/api/v1/admin/articles/${id}`, { body, token });
  const list = (query = '') => app.get<ArticleList>(`/api/v1/public/articles${query}`);
  const read = (id: number | string) => app.get<PublicArticle & { code: string }>(`/api/v1/public/articles/${id}`);
  const image = (id: string) => fetch(`${app.baseUrl}/api/v1/public/images/${id}`);

  async function published(over: Partial<ArticleInput> = {}, token = admin): Promise<AdminArticle> {
    const res = await create(article(over), token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function upload(token?: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await aPhoto().jpeg().size(64, 48).build())], { type: 'image/jpeg' }), 'a.jpg');
    const res = await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sa-articles-'));
    app = await startTestApp({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await app.truncate();
    app.clock.travelTo(new Date('2026-11-20T02:00:00Z'));
    world = await aWorld(app.prisma);
    await aUser().role('ADMIN').username('admin').named('区食安办 李华').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').named('城东所 王敏').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('other').named('城西所 赵磊').office(world.otherOffice).build(app.prisma);
    await aUser().username('cadre').cadre(await aCadre().named('陈秀兰').of(world.community).build(app.prisma)).build(app.prisma);
    await aUser().username('resident').build(app.prisma);
    [admin, staff, otherStaff, cadre, resident] = await Promise.all(['admin', 'staff', 'other', 'cadre', 'resident'].map((u) => app.login(u)));
  });

  describe('public list', () => {
    it('shows only published articles, newest publication first, in pages that add up', async () => {
      const titles: string[] = [];
      for (let i = 1; i <= 5; i++) {
        app.clock.travelTo(new Date(`2026-0${i}-10T02:00:00Z`));
        titles.push((await published({ title: `第${i}期工作动态`, category: 'WORK_NEWS' })).title);
      }
      await create(article({ title: '未发布的草稿', status: 'DRAFT' }));

      const all = await list();
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(5);
      expect(all.body.items.map((a) => a.title)).toEqual([...titles].reverse());
      expect(all.body.items[0]).toMatchObject({ category: 'WORK_NEWS', viewCount: 0, office: null, coverUrl: null, publishedAt: atMinute('2026-05-10T02:00:00.000Z') });
      expect(all.body.items[0]).not.toHaveProperty('bodyHtml');

      const page2 = await list('?limit=2&offset=2');
      expect(page2.body).toMatchObject({ total: 5 });
      expect(page2.body.items.map((a) => a.title)).toEqual(['第3期工作动态', '第2期工作动态']);
      expect((await list('?limit=2&offset=4')).body.items.map((a) => a.title)).toEqual(['第1期工作动态']);
    });

    it('breaks a tie in publication time by the newer id, so paging never repeats or skips one', async () => {
      const a = await published({ title: '同时发布甲' });
      const b = await published({ title: '同时发布乙' });
      await app.prisma.article.updateMany({ data: { publishedAt: new Date('2026-06-01T00:00:00Z') } });
      const first = await list('?limit=1&offset=0');
      const second = await list('?limit=1&offset=1');
      expect([first.body.items[0]?.id, second.body.items[0]?.id]).toEqual([b.id, a.id]);
    });

    it('filters by category and finds words in the title or the summary', async () => {
      await published({ title: '夏季预防细菌性食物中毒', category: 'SCIENCE', summary: '高温天气注意冷藏' });
      await published({ title: '关于开展节前检查的通知', category: 'NOTICE', summary: '各经营主体请自查' });
      await published({ title: '和平街示范街区验收', category: 'MODEL_STREET' });

      const science = await list('?category=SCIENCE');
      expect(science.body.items.map((a) => a.title)).toEqual(['夏季预防细菌性食物中毒']);
      expect((await list(`?q=${encodeURIComponent('冷藏')}`)).body.items.map((a) => a.title)).toEqual(['夏季预防细菌性食物中毒']);
      expect((await list(`?q=${encodeURIComponent('检查')}&category=NOTICE`)).body.total).toBe(1);
      expect((await list(`?q=${encodeURIComponent('检查')}&category=SCIENCE`)).body.total).toBe(0);
    });

    it('treats % and _ in a search as the characters themselves', async () => {
      await published({ title: '抽检合格率 98% 通报' });
      await published({ title: '普通标题', summary: 'plain' });
      expect((await list('?q=%25')).body.items.map((a) => a.title)).toEqual(['抽检合格率 98% 通报']);
      expect((await list('?q=_')).body.total).toBe(0);
      expect((await list(`?q=${encodeURIComponent('PLAIN')}`)).body.total).toBe(1);
    });

    it('refuses a bad query with a Chinese 400', async () => {
      for (const q of ['?category=GOSSIP', '?limit=0', '?limit=101', '?offset=-1', `?q=${'字'.repeat(51)}`]) {
        const res = await list(q);
        expect(res.status, q).toBe(400);
        expect((res.body as unknown as { code: string }).code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('reading one article', () => {
    it('returns the sanitised body and counts each reading, also when readers arrive at once', async () => {
      const a = await published();
      const first = await read(a.id);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: a.id, title: '夏季预防细菌性食物中毒', bodyHtml: BODY, viewCount: 1 });
      await Promise.all(Array.from({ length: 10 }, () => read(a.id)));
      expect((await read(a.id)).body.viewCount).toBe(12);
      expect((await list()).body.items[0]?.viewCount).toBe(12);
    });

    it('is not found for drafts, withdrawn articles and unknown ids, and never counts their views', async () => {
      const draft = await create(article({ status: 'DRAFT' }));
      const withdrawn = await published();
      await patch(withdrawn.id, { status: 'WITHDRAWN' });
      for (const id of [draft.body.id, withdrawn.id, 999_999]) {
        const res = await read(id);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect((await app.prisma.article.findMany({ select: { viewCount: true } })).map((r) => r.viewCount)).toEqual([0, 0]);
    });

    it('accepts only plain decimal ids', async () => {
      const a = await published();
      for (const id of ['0x1', '1e0', '-1', '0', '+1', 'abc', '1.0', '99999999999', `${a.id}%20`]) {
        const res = await read(id);
        expect(res.status, id).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('saving in the workbench', () => {
    it('stores the body sanitised, records the author and the first publication date', async () => {
      const res = await create(article({ bodyHtml: '<p onclick="steal()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>', summary: '' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        bodyHtml: '<p>正文<span>链接</span></p>',
        status: 'PUBLISHED',
        summary: null,
        publishedAt: atMinute('2026-11-20T02:00:00.000Z'),
        office: null,
        author: { displayName: '区食安办 李华' },
        editable: true,
      });
      const row = await app.prisma.article.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(row.bodyHtml).toBe('<p>正文<span>链接</span></p>');
      expect((await read(res.body.id)).body.bodyHtml).toBe('<p>正文<span>链接</span></p>');
    });

    it('keeps a draft without a publication date, and dates it when first published', async () => {
      const draft = await create(article({ status: 'DRAFT' }));
      expect(draft.body).toMatchObject({ status: 'DRAFT', publishedAt: null });
      app.clock.travelTo(new Date('2026-11-25T01:00:00Z'));
      const live = await patch(draft.body.id, { status: 'PUBLISHED', title: '改过的标题' });
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ status: 'PUBLISHED', title: '改过的标题', publishedAt: atMinute('2026-11-25T01:00:00.000Z') });
      app.clock.travelTo(new Date('2026-11-26T01:00:00Z'));
      expect((await patch(draft.body.id, { summary: '补充摘要' })).body).toMatchObject({ summary: '补充摘要', publishedAt: atMinute('2026-11-25T01:00:00.000Z') });
    });

    it('refuses a body that is empty once cleaned, and other bad input, with a Chinese 400', async () => {
      const empty = await create(article({ bodyHtml: '<script>alert(1)</script><img src=x onerror=alert(1)><p> </p>' }));
      expect(empty.status).toBe(400);
      expect(empty.body).toMatchObject({ code: 'HTML_EMPTY_AFTER_SANITISE', message: '正文清理不安全内容后为空，请重新编辑' });
      const bad: unknown[] = [
        { ...article(), title: '短' },
        { ...article(), title: '题'.repeat(81) },
        { ...article(), category: 'GOSSIP' },
        { ...article(), status: 'WITHDRAWN' },
        { ...article(), bodyHtml: '' },
        { ...article(), bodyHtml: `<p>${'长'.repeat(100_001)}</p>` },
        { ...article(), coverUploadId: 'not-a-uuid' },
        { ...article(), summary: '摘'.repeat(201) },
        { title: '只有标题' },
      ];
      for (const body of bad) {
        const res = await create(body);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      }
      const a = await published();
      expect((await patch(a.id, { bodyHtml: '<iframe src="https://x"></iframe>' })).body.code).toBe('HTML_EMPTY_AFTER_SANITISE');
      expect((await app.request('PATCH', '/api/v1/admin/articles/1e1', { body: {}, token: admin })).status).toBe(400);
      expect((await patch(999_999, { title: '不存在的文章' })).status).toBe(404);
      expect(await app.prisma.article.count()).toBe(1);
    });
  });

  describe('withdrawal', () => {
    it('hides a withdrawn article everywhere public, and re-publishing brings it back with its first date', async () => {
      const a = await published();
      expect((await list()).body.total).toBe(1);
      app.clock.travelTo(new Date('2026-11-21T02:00:00Z'));
      const withdrawn = await patch(a.id, { status: 'WITHDRAWN' });
      expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN' });
      expect((await app.prisma.article.findUniqueOrThrow({ where: { id: a.id } })).withdrawnAt?.toISOString()).toEqual(atMinute('2026-11-21T02:00'));
      expect((await list()).body).toEqual({ items: [], total: 0 });
      expect((await read(a.id)).status).toBe(404);

      app.clock.travelTo(new Date('2026-11-22T02:00:00Z'));
      const again = await patch(a.id, { status: 'PUBLISHED' });
      expect(again.body).toMatchObject({ status: 'PUBLISHED', publishedAt: atMinute('2026-11-20T02:00:00.000Z') });
      expect((await read(a.id)).status).toBe(200);
      expect((await app.prisma.article.findUniqueOrThrow({ where: { id: a.id } })).withdrawnAt).toBeNull();
    });

    it('refuses status changes outside the table', async () => {
      const draft = await create(article({ status: 'DRAFT' }));
      const toWithdrawn = await patch(draft.body.id, { status: 'WITHDRAWN' });
      expect(toWithdrawn.status).toBe(409);
      expect(toWithdrawn.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '草稿尚未发布，无需撤回' });
      const live = await published();
      expect((await patch(live.id, { status: 'DRAFT' })).body.code).toBe('INVALID_TRANSITION');
      expect((await read(live.id)).status).toBe(200);
    });
  });

  describe('who may edit', () => {
    it('lets office staff write their office’s notices only, under their office’s name', async () => {
      const notice = await create(article({ title: '城东所关于节前检查的通知', category: 'NOTICE' }), staff);
      expect(notice.status).toBe(201);
      expect(notice.body).toMatchObject({ office: { id: world.office.id, name: world.office.name }, editable: true, author: { displayName: '城东所 王敏' } });
      expect((await read(notice.body.id)).body.office).toEqual({ id: world.office.id, name: world.office.name });

      const news = await create(article({ category: 'WORK_NEWS' }), staff);
      expect(news.status).toBe(403);
      expect(news.body).toMatchObject({ code: 'ARTICLE_NOT_EDITABLE', message: '您只能编辑本所发布的通知公告' });
      expect((await patch(notice.body.id, { category: 'EXPOSURE' }, staff)).body.code).toBe('ARTICLE_NOT_EDITABLE');
      expect((await patch(notice.body.id, { title: '城东所关于节前检查的补充通知' }, staff)).body.title).toBe('城东所关于节前检查的补充通知');
    });

    it('keeps office staff away from other offices’ notices and the bureau’s articles', async () => {
      const theirs = await create(article({ title: '城西所通知', category: 'NOTICE' }), otherStaff);
      const bureauNotice = await published({ title: '区食安办通知', category: 'NOTICE' });
      for (const id of [theirs.body.id, bureauNotice.id]) {
        const edit = await patch(id, { title: '被改掉的标题' }, staff);
        expect(edit.status).toBe(403);
        expect(edit.body.code).toBe('ARTICLE_NOT_EDITABLE');
        expect((await app.get(`/api/v1/admin/articles/${id}`, staff)).status).toBe(403);
      }
      expect((await app.prisma.article.findMany({ orderBy: { id: 'asc' } })).map((a) => a.title)).toEqual(['城西所通知', '区食安办通知']);

      const mine = await create(article({ title: '城东所通知', category: 'NOTICE', status: 'DRAFT' }), staff);
      const staffList = await app.get('/api/v1/admin/articles', staff);
      expect(staffList.body.items.map((a: AdminArticle) => a.title)).toEqual(['城东所通知']);
      const adminList = await app.get('/api/v1/admin/articles?status=DRAFT', admin);
      expect(adminList.body).toMatchObject({ total: 1, items: [{ id: mine.body.id, status: 'DRAFT', editable: true }] });
      expect((await app.get('/api/v1/admin/articles', admin)).body.total).toBe(3);
    });

    it('lets the admin edit any office’s notice', async () => {
      const notice = await create(article({ title: '城东所通知', category: 'NOTICE' }), staff);
      const edited = await patch(notice.body.id, { title: '城东所通知（修订）' });
      expect(edited.body).toMatchObject({ title: '城东所通知（修订）', office: { id: world.office.id }, author: { displayName: '区食安办 李华' } });
    });

    it('refuses cadres, residents and strangers', async () => {
      const a = await published();
      for (const token of [cadre, resident]) {
        expect((await create(article(), token)).body.code).toBe('FORBIDDEN');
        expect((await patch(a.id, { status: 'WITHDRAWN' }, token)).status).toBe(403);
        expect((await app.get('/api/v1/admin/articles', token)).status).toBe(403);
      }
      expect((await app.request('POST', '/api/v1/admin/articles', { body: article() })).status).toBe(401);
      expect((await read(a.id)).status).toBe(200);
    });
  });

  describe('images', () => {
    it('serves an image only while a published article or a draft shows it, with a long public cache', async () => {
      const cover = await upload(admin);
      const inBody = await upload(admin);
      const draft = await create(article({ status: 'DRAFT', coverUploadId: cover, bodyHtml: `<p>现场</p><p><img src="/api/v1/public/images/${inBody}" alt="检查现场"></p>` }));
      expect(draft.status).toBe(201);
      expect(draft.body.bodyHtml).toBe(`<p>现场</p><p><img style="max-width:100%;height:auto" src="/api/v1/public/images/${inBody}" alt="检查现场" /></p>`);
      // The editor shows a saved draft's images with a plain <img>: served by the unguessable id.
      expect((await image(cover)).status).toBe(200);
      expect((await image(inBody)).status).toBe(200);

      await patch(draft.body.id, { status: 'PUBLISHED' });
      const res = await image(cover);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d{6,}/);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
      expect((await image(inBody)).status).toBe(200);
      expect((await list()).body.items[0]?.coverUrl).toBe(`/api/v1/public/images/${cover}`);

      await patch(draft.body.id, { bodyHtml: '<p>图片已删去</p>' });
      expect((await image(inBody)).status).toBe(404);
      expect((await image(cover)).status).toBe(200);
      await patch(draft.body.id, { coverUploadId: null });
      expect((await image(cover)).status).toBe(404);
    });

    it('takes an image down with its article, unless another published article still shows it', async () => {
      const shared = await upload(staff);
      const a = await published({ coverUploadId: shared });
      const b = await published({ title: '另一篇文章', bodyHtml: `<p><img src="/api/v1/public/images/${shared}"></p>` });
      await patch(a.id, { status: 'WITHDRAWN' });
      expect((await image(shared)).status).toBe(200);
      await patch(b.id, { status: 'WITHDRAWN' });
      expect((await image(shared)).status).toBe(404);
      // Nor through the upload route, where an unattached photo's id would be enough: only the editors still see it.
      expect((await fetch(`${app.baseUrl}/api/v1/uploads/${shared}`)).status).toBe(404);
      expect((await fetch(`${app.baseUrl}/api/v1/uploads/${shared}`, { headers: { authorization: `Bearer ${resident}` } })).status).toBe(404);
      expect((await fetch(`${app.baseUrl}/api/v1/uploads/${shared}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
      expect((await fetch(`${app.baseUrl}/api/v1/uploads/${shared}`, { headers: { authorization: `Bearer ${otherStaff}` } })).status).toBe(200);
    });

    it('never publishes a resident’s photo, an anonymous upload or an unknown id', async () => {
      const residentPhoto = await upload(resident);
      const anonymous = await upload();
      for (const id of [residentPhoto, anonymous, randomUUID()]) {
        for (const body of [article({ coverUploadId: id }), article({ bodyHtml: `<p>图</p><img src="/api/v1/public/images/${id}">` })]) {
          const res = await create(body);
          expect(res.status).toBe(400);
          expect(res.body.code).toBe('PHOTO_NOT_FOUND');
        }
        expect((await image(id)).status).toBe(404);
      }
      expect(await app.prisma.article.count()).toBe(0);
    });

    it('refuses an image the content check judged risky', async () => {
      const id = await upload(admin);
      await app.prisma.upload.update({ where: { id }, data: { checkState: 'RISKY' } });
      expect((await create(article({ coverUploadId: id }))).body.code).toBe('IMAGE_RISKY');
    });

    it('answers a malformed image id with 400', async () => {
      expect((await image('not-a-uuid')).status).toBe(400);
    });
  });
});
