import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_FIELD, type AdminArticle, type Me, type UploadResponse } from '@sa/contracts';
import type { Editor } from '@tiptap/core';
import Taro, { routerParams, storage } from '../../test/fake-taro';
import { aMe, anUpload } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { anAdminArticle } from '../news/test-builders';
import ArticleEditPage from './article-edit';

type Reply = { statusCode: number; data?: unknown } | undefined;

async function signedInAs(me: Me, routes: (req: SentRequest) => Reply) {
  const sent = serve((req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: me } : routes(req)));
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}

const admin = aMe({ id: 1, role: 'ADMIN', displayName: '区食安办' });
const officeStaff = aMe({ id: 2, role: 'OFFICE_STAFF', officeId: 1, displayName: '东湖所' });

/** The Tiptap editor on the page, once it has loaded; tests write into it as a user's typing would. */
async function bodyEditor(container: HTMLElement): Promise<Editor> {
  return waitFor(() => {
    const el = container.querySelector('.article-editor-body') as (HTMLElement & { editor?: Editor }) | null;
    if (!el?.editor) throw new Error('editor not loaded yet');
    return el.editor;
  }, { timeout: 5000 });
}

const click = (container: HTMLElement, selector: string) => act(() => (container.querySelector(selector) as HTMLElement).click());
const writes = (sent: SentRequest[]) => sent.filter((r) => r.method === 'POST' || r.method === 'PATCH');
const saved = (req: SentRequest, over: Partial<AdminArticle> = {}): Reply => {
  const body = req.data as Partial<AdminArticle>;
  return { statusCode: 200, data: anAdminArticle({ id: 31, ...body, summary: body.summary ?? null, publishedAt: body.status === 'PUBLISHED' ? '2026-12-02T02:00:00.000Z' : null, ...over }) };
};

/** The h5 picker hands back one file: a blob: URL with its size, as Taro's chooseImage does in a browser. */
const picks = (path: string, size = 240_000) =>
  Taro.chooseImage.mockResolvedValueOnce({ tempFiles: [{ path, size }], tempFilePaths: [path], errMsg: 'chooseImage:ok' });
/** The server accepts the next upload and answers with `upload`. */
const accepts = (upload: UploadResponse) => Taro.uploadFile.mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify(upload), errMsg: 'uploadFile:ok' });
const coverSrc = (container: HTMLElement) => container.querySelector('.article-cover-preview')?.getAttribute('src') ?? null;

// jsdom lays nothing out: a Range has no boxes, which ProseMirror asks for when it scrolls the cursor into view.
beforeAll(() => {
  Range.prototype.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
});

describe('编辑文章', () => {
  it('says beside each field what is missing and sends nothing', async () => {
    const sent = await signedInAs(admin, () => undefined);
    const { container } = render(<ArticleEditPage />);
    await bodyEditor(container);

    click(container, '.article-publish');
    expect(await screen.findByText('请填写标题')).toBeTruthy();
    expect(screen.getByText('请填写正文')).toBeTruthy();
    expect(container.querySelector('.article-body-error')?.textContent).toBe('请填写正文');
    expect(writes(sent)).toHaveLength(0);
  });

  it('saves a draft, then shows the body as the server cleaned it', async () => {
    const sent = await signedInAs(admin, (req) =>
      req.method === 'POST' && path(req) === '/api/v1/admin/articles' ? saved(req, { bodyHtml: '<h2>检查结果</h2><p>共检查 32 家。</p>' }) : undefined,
    );
    const { container } = render(<ArticleEditPage />);
    const editor = await bodyEditor(container);

    await typeInto(container, 'article-title-input', '春光巷餐饮店专项检查');
    fireEvent.change(container.querySelector('select.article-category')!, { target: { value: 'WORK_NEWS' } });
    act(() => void editor.commands.setContent('<h2>检查结果</h2><p>共检查 32 家。</p><p onclick="x()">x</p>', { emitUpdate: true }));
    click(container, '.article-save-draft');

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存草稿' })));
    const [post] = writes(sent);
    expect(path(post!)).toBe('/api/v1/admin/articles');
    expect(post!.data).toMatchObject({ title: '春光巷餐饮店专项检查', category: 'WORK_NEWS', status: 'DRAFT' });
    expect((post!.data as { bodyHtml: string }).bodyHtml).toContain('<h2>检查结果</h2>');
    expect(await screen.findByText(/正文中不允许的内容.*已被清理/)).toBeTruthy();
    await waitFor(() => expect(editor.getHTML()).toBe('<h2>检查结果</h2><p>共检查 32 家。</p>'));
    expect(screen.getByText(/状态：草稿/)).toBeTruthy();
  });

  it('publishes a saved draft with PATCH', async () => {
    routerParams.id = '31';
    const draft = anAdminArticle({ id: 31, title: '太阳市场食品安全宣传周', category: 'MODEL_STREET', bodyHtml: '<p>宣传周活动回顾。</p>' });
    const sent = await signedInAs(admin, (req) => {
      if (req.method === 'GET' && path(req) === '/api/v1/admin/articles/31') return { statusCode: 200, data: draft };
      if (req.method === 'PATCH' && path(req) === '/api/v1/admin/articles/31') return saved(req, { bodyHtml: '<p>宣传周活动回顾。</p>', status: 'PUBLISHED' });
      return undefined;
    });
    const { container } = render(<ArticleEditPage />);
    const editor = await bodyEditor(container);
    await waitFor(() => expect(editor.getHTML()).toBe('<p>宣传周活动回顾。</p>'));

    click(container, '.article-publish');
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发布' })));
    const [patch] = writes(sent);
    expect(patch!.method).toBe('PATCH');
    expect(patch!.data).toMatchObject({ title: '太阳市场食品安全宣传周', category: 'MODEL_STREET', status: 'PUBLISHED', bodyHtml: '<p>宣传周活动回顾。</p>' });
    expect(await screen.findByText('保存并更新发布')).toBeTruthy();
    expect(container.querySelector('.article-save-draft')).toBeNull();
  });

  it('gives office staff 通知公告 only', async () => {
    const sent = await signedInAs(officeStaff, (req) => (req.method === 'POST' ? saved(req) : undefined));
    const { container } = render(<ArticleEditPage />);
    const editor = await bodyEditor(container);

    expect(container.querySelector('select.article-category')).toBeNull();
    expect(container.querySelector('.article-category-fixed')?.textContent).toBe('通知公告');
    await typeInto(container, 'article-title-input', '关于暂停营业执照现场办理的通知');
    act(() => void editor.commands.setContent('<p>12 月 5 日暂停一天。</p>', { emitUpdate: true }));
    click(container, '.article-publish');

    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]!.data).toMatchObject({ category: 'NOTICE', status: 'PUBLISHED' });
  });

  it('shows the server’s field errors beside the fields', async () => {
    let reply: Reply = { statusCode: 400, data: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求', details: [{ path: 'title', message: '标题最多 80 字' }] } };
    await signedInAs(admin, (req) => (req.method === 'POST' ? reply : undefined));
    const { container } = render(<ArticleEditPage />);
    const editor = await bodyEditor(container);
    await typeInto(container, 'article-title-input', '春光巷的检查');
    act(() => void editor.commands.setContent('<p>正文</p>', { emitUpdate: true }));

    click(container, '.article-save-draft');
    expect(await screen.findByText('标题最多 80 字')).toBeTruthy();

    reply = { statusCode: 400, data: { code: 'HTML_EMPTY_AFTER_SANITISE', message: '正文清理不安全内容后为空，请重新编辑' } };
    click(container, '.article-save-draft');
    await waitFor(() => expect(container.querySelector('.article-body-error')?.textContent).toBe('正文清理不安全内容后为空，请重新编辑'));
    expect(screen.queryByText('标题最多 80 字')).toBeNull();
  });

  it('shows an article office staff may not edit read-only', async () => {
    routerParams.id = '8';
    await signedInAs(officeStaff, (req) =>
      path(req) === '/api/v1/admin/articles/8' ? { statusCode: 200, data: anAdminArticle({ id: 8, title: '区食安办工作动态', category: 'WORK_NEWS', editable: false }) } : undefined,
    );
    const { container } = render(<ArticleEditPage />);
    expect(await screen.findByText('您只能编辑本所发布的通知公告，这篇文章仅可查看。')).toBeTruthy();
    expect(container.querySelector('.article-publish')).toBeNull();
  });
  it('uploads a cover, shows it, sends its upload id, and can take it off again', async () => {
    const cover = anUpload({ width: 1600, height: 900 });
    const sent = await signedInAs(admin, (req) => (req.method === 'POST' && path(req) === '/api/v1/admin/articles' ? saved(req) : req.method === 'PATCH' ? saved(req) : undefined));
    const { container } = render(<ArticleEditPage />);
    const editor = await bodyEditor(container);
    expect(coverSrc(container)).toBeNull();
    expect(container.querySelector('.article-cover-choose')?.textContent).toBe('上传封面');

    picks('blob:cover');
    accepts(cover);
    click(container, '.article-cover-choose');
    // The chosen picture shows at once, from the file itself; the button now offers to change it.
    await waitFor(() => expect(coverSrc(container)).toBe('blob:cover'));
    expect(container.querySelector('.article-cover-choose')?.textContent).toBe('更换封面');
    expect(Taro.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 1 }));
    expect(Taro.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://api.example.test/api/v1/uploads', filePath: 'blob:cover', name: UPLOAD_FIELD }));

    await typeInto(container, 'article-title-input', '太阳市场食品安全宣传周');
    act(() => void editor.commands.setContent('<p>宣传周活动回顾。</p>', { emitUpdate: true }));
    click(container, '.article-save-draft');
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]!.data).toMatchObject({ title: '太阳市场食品安全宣传周', coverUploadId: cover.id, status: 'DRAFT' });
    // Saved, the draft's cover is shown from the upload on the server (a draft's images are not public yet).
    await waitFor(() => expect(coverSrc(container)).toBe(`https://api.example.test/api/v1/uploads/${cover.id}`));

    click(container, '.article-cover-remove');
    expect(coverSrc(container)).toBeNull();
    expect(container.querySelector('.article-cover-remove')).toBeNull();
    click(container, '.article-save-draft');
    await waitFor(() => expect(writes(sent)).toHaveLength(2));
    expect(writes(sent)[1]!.method).toBe('PATCH');
    expect(writes(sent)[1]!.data).toMatchObject({ coverUploadId: null });
  });

  it('refuses a cover over 10 MB before uploading it, and keeps the form when the upload fails', async () => {
    const sent = await signedInAs(admin, () => undefined);
    const { container } = render(<ArticleEditPage />);
    await bodyEditor(container);

    picks('blob:huge', 12 * 1024 * 1024);
    click(container, '.article-cover-choose');
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '图片过大，请选择 10 MB 以内的图片' })));
    expect(Taro.uploadFile).not.toHaveBeenCalled();
    expect(coverSrc(container)).toBeNull();

    picks('blob:cover');
    Taro.uploadFile.mockResolvedValueOnce({ statusCode: 400, data: JSON.stringify({ code: 'UPLOAD_NOT_IMAGE', message: '只能上传 JPEG、PNG 或 WebP 格式的照片' }), errMsg: 'uploadFile:ok' });
    click(container, '.article-cover-choose');
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '只能上传 JPEG、PNG 或 WebP 格式的照片' })));
    expect(coverSrc(container)).toBeNull();
    expect(container.querySelector('.article-cover-choose')?.textContent).toBe('上传封面');
    expect(writes(sent)).toHaveLength(0);
  });

  it('inserts a body image with the caption the author writes, and sends it on the public image path', async () => {
    const photo = anUpload();
    const sent = await signedInAs(admin, (req) =>
      req.method === 'POST' && path(req) === '/api/v1/admin/articles'
        ? // As the server's sanitiser returns it: its own image style, and the image written as XHTML.
          saved(req, { bodyHtml: `<p>检查现场。</p><img style="max-width:100%;height:auto" src="/api/v1/public/images/${photo.id}" alt="执法人员查看后厨" /><p></p>` })
        : undefined,
    );
    const { container } = render(<ArticleEditPage />);
    const editor = await bodyEditor(container);
    await typeInto(container, 'article-title-input', '春光巷夜间专项检查');
    act(() => void editor.commands.setContent('<p>检查现场。</p>', { emitUpdate: true }));
    act(() => void editor.commands.focus('end'));

    picks('blob:kitchen');
    accepts(photo);
    click(container, '.article-tool-image');
    const caption = (await screen.findByLabelText('图片说明（读屏软件会朗读）')) as HTMLInputElement;
    expect(Taro.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'blob:kitchen', name: UPLOAD_FIELD }));
    // Not inserted until it has a caption: a screen reader would have nothing to say about it.
    expect(editor.getHTML()).not.toContain('<img');
    click(container, '.article-panel-ok');
    expect(await screen.findByText('请填写图片说明，读屏软件会朗读它')).toBeTruthy();
    expect(editor.getHTML()).not.toContain('<img');

    fireEvent.change(caption, { target: { value: '执法人员查看后厨' } });
    fireEvent.keyDown(caption, { key: 'Enter' });
    await waitFor(() => expect(container.querySelector('.article-panel')).toBeNull());
    // While editing the image shows from the upload itself.
    const shown = container.querySelector('.article-editor-body img');
    expect(shown?.getAttribute('src')).toBe(`/api/v1/uploads/${photo.id}`);
    expect(shown?.getAttribute('alt')).toBe('执法人员查看后厨');

    click(container, '.article-publish');
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    const body = (writes(sent)[0]!.data as { bodyHtml: string }).bodyHtml;
    expect(body).toContain(`<img src="/api/v1/public/images/${photo.id}" alt="执法人员查看后厨">`);
    expect(body).not.toContain('/api/v1/uploads/');
    // What the server stored comes back into the editor, still showing the picture with its caption.
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发布' })));
    expect(container.querySelector('.article-editor-body img')?.getAttribute('src')).toBe(`/api/v1/uploads/${photo.id}`);
    expect(container.querySelector('.article-editor-body img')?.getAttribute('alt')).toBe('执法人员查看后厨');
    // Nothing was taken out: the author is not told otherwise.
    expect(screen.queryByText(/已被清理/)).toBeNull();
  });

  it('inserts no image when the author cancels the caption or closes the picker', async () => {
    await signedInAs(admin, () => undefined);
    const { container } = render(<ArticleEditPage />);
    const editor = await bodyEditor(container);

    Taro.chooseImage.mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' });
    click(container, '.article-tool-image');
    await waitFor(() => expect(Taro.chooseImage).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(container.querySelector('.article-tool-image')?.textContent).toBe('图片'));
    expect(container.querySelector('.article-panel')).toBeNull();
    expect(Taro.uploadFile).not.toHaveBeenCalled();

    picks('blob:kitchen');
    accepts(anUpload());
    click(container, '.article-tool-image');
    const caption = await screen.findByLabelText('图片说明（读屏软件会朗读）');
    fireEvent.keyDown(caption, { key: 'Escape' });
    await waitFor(() => expect(container.querySelector('.article-panel')).toBeNull());
    expect(editor.getHTML()).not.toContain('<img');
  });
});
