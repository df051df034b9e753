import { useEffect, useState, type ComponentType } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_CATEGORY_LABELS,
  ARTICLE_STATUS_LABELS,
  UPLOAD_MAX_BYTES,
  articleInput,
  idParam,
  type AdminArticle,
  type ArticleCategory,
  type ArticleInput,
  type Me,
} from '@sa/contracts';
import { ApiError, uploadPhoto } from '../../api';
import { createArticle, fetchAdminArticle, updateArticle } from '../../api/content';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs } from '../../components/pressable';
import { ArticleBody, assetUrl } from '../../components/rich-text';
import { notify } from '../../components/notify';
import { errorMessage, showError } from '../../components/show-error';
import { WbInput, WbSelect, WbTextarea } from '../../components/wb-field';
import { WbStaffGate } from '../../components/wb-staff-gate';
import type { BodyEditorProps } from './article-body-editor';
import './index.css';
import './article-edit.css';

type Form = { title: string; category: ArticleCategory; summary: string; bodyHtml: string; coverUploadId: string | null; coverUrl: string | null };
type Field = 'title' | 'category' | 'summary' | 'bodyHtml' | 'coverUploadId';
type Errors = Partial<Record<Field, string>>;

/** Office staff write their office's notices only (the server says the same with ARTICLE_NOT_EDITABLE). */
export const categoriesFor = (me: Me): readonly ArticleCategory[] => (me.role === 'ADMIN' ? ARTICLE_CATEGORIES : ['NOTICE']);

const blankForm = (me: Me): Form => ({ title: '', category: me.role === 'ADMIN' ? 'WORK_NEWS' : 'NOTICE', summary: '', bodyHtml: '', coverUploadId: null, coverUrl: null });

const formOf = (a: AdminArticle): Form => ({
  title: a.title,
  category: a.category,
  summary: a.summary ?? '',
  bodyHtml: a.bodyHtml,
  coverUploadId: a.coverUploadId,
  // A draft's images are not public yet: the editor shows the upload itself.
  coverUrl: a.coverUploadId ? `/api/v1/uploads/${a.coverUploadId}` : null,
});

/**
 * What the server adds by itself (image style, link rel and target, quotes as entities, `<img … />` and `<br />`
 * written as XHTML) is not a change the author must hear about.
 */
const comparable = (html: string) =>
  html
    .replace(/\s(style|rel|target)="[^"]*"/g, '')
    .replace(/\s*\/>/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** An empty paragraph is what an editor holds when nothing is written: that is no body. */
const blankBody = (html: string) => !/<img\b/i.test(html) && html.replace(/<[^>]*>/g, '').replace(/&nbsp;|\s/g, '') === '';

const FIELDS: readonly Field[] = ['title', 'category', 'summary', 'bodyHtml', 'coverUploadId'];
const asField = (path: string): Field | undefined => FIELDS.find((f) => path === f || path.startsWith(`${f}.`));

/** The server's refusal, beside the field it is about; what belongs to no field goes under the buttons. */
function serverErrors(failure: unknown): { fields: Errors; general: string | null } {
  if (failure instanceof ApiError && failure.code === 'HTML_EMPTY_AFTER_SANITISE') return { fields: { bodyHtml: failure.message }, general: null };
  if (failure instanceof ApiError && failure.code === 'VALIDATION_FAILED' && failure.details.length > 0) {
    const fields: Errors = {};
    const rest: string[] = [];
    for (const d of failure.details) {
      const field = asField(d.path);
      if (field) fields[field] ??= d.message;
      else rest.push(d.message);
    }
    return { fields, general: rest.length > 0 ? rest.join('；') : null };
  }
  return { fields: {}, general: errorMessage(failure) };
}

/** What the form would send, checked with the same schema as the server; errors by field. */
function checkForm(form: Form, status: ArticleInput['status']): { input: ArticleInput } | { errors: Errors } {
  const parsed = articleInput.safeParse({
    title: form.title,
    category: form.category,
    summary: form.summary.trim() === '' ? undefined : form.summary,
    bodyHtml: blankBody(form.bodyHtml) ? '' : form.bodyHtml,
    coverUploadId: form.coverUploadId,
    status,
  });
  if (parsed.success) return { input: parsed.data };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) {
    const field = asField(String(issue.path[0] ?? ''));
    if (field) errors[field] ??= issue.message;
  }
  return { errors };
}

/** One image from the album or the camera, uploaded; its upload id. */
async function pickAndUpload(): Promise<{ id: string; path: string } | null> {
  let chosen: Taro.chooseImage.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch {
    return null; // the user closed the picker
  }
  const file = chosen.tempFiles[0];
  if (!file) return null;
  if (file.size > UPLOAD_MAX_BYTES) {
    showError(new ApiError('VALIDATION_FAILED', '图片过大，请选择 10 MB 以内的图片', 400));
    return null;
  }
  try {
    const upload = await uploadPhoto(file.path);
    return { id: upload.id, path: file.path };
  } catch (failure) {
    showError(failure);
    return null;
  }
}

/** On weapp the article reads as it will be published; writing is done on the computer. */
function Preview({ article }: { article: AdminArticle }) {
  return (
    <View className='card'>
      <View className='hint article-edit-on-pc'>手机上可预览文章。编辑、发布请在电脑上打开工作台（网页版）。</View>
      <View className='article-title'>{article.title}</View>
      <View className='wb-article-meta'>
        <Text className='tag'>{ARTICLE_CATEGORY_LABELS[article.category]}</Text>
        <Text>{ARTICLE_STATUS_LABELS[article.status]}</Text>
      </View>
      {article.coverUrl && <Image className='article-cover' src={assetUrl(article.coverUrl)} mode='widthFix' />}
      {article.summary && <View className='muted'>{article.summary}</View>}
      <ArticleBody html={article.bodyHtml} />
    </View>
  );
}

const backToArticles = () => void Taro.redirectTo({ url: '/pages/workbench/articles' });

function ArticleEditor({ me, id }: { me: Me; id: number | null }) {
  const [article, setArticle] = useState<AdminArticle | null>(null);
  const [form, setForm] = useState<Form>(() => blankForm(me));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(id !== null);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState<ArticleInput['status'] | null>(null);
  const [cleaned, setCleaned] = useState(false);
  // Bumped when the body comes from the server, so the editor shows it.
  const [bodyVersion, setBodyVersion] = useState(0);
  const [coverBusy, setCoverBusy] = useState(false);
  const [BodyEditor, setBodyEditor] = useState<ComponentType<BodyEditorProps> | null>(null);

  useEffect(() => {
    // Only the web build has the editor: the mini-program's package never includes Tiptap.
    if (process.env.TARO_ENV === 'h5') {
      void import('./article-body-editor').then((m) => setBodyEditor(() => m.ArticleBodyEditor));
    }
  }, []);

  const load = async () => {
    if (id === null) return;
    setLoading(true);
    setLoadError(null);
    try {
      const found = await fetchAdminArticle(id);
      setArticle(found);
      setForm(formOf(found));
      setBodyVersion((v) => v + 1);
    } catch (failure) {
      setLoadError(failure instanceof ApiError && failure.status === 404 ? '文章不存在或已删除' : errorMessage(failure));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), [id]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const chooseCover = async () => {
    if (coverBusy) return;
    setCoverBusy(true);
    try {
      const picked = await pickAndUpload();
      if (picked) setForm((f) => ({ ...f, coverUploadId: picked.id, coverUrl: picked.path }));
    } finally {
      setCoverBusy(false);
    }
  };

  const uploadBodyImage = async () => (await pickAndUpload())?.id ?? null;

  const save = async (status: ArticleInput['status']) => {
    if (busy) return;
    setGeneral(null);
    setCleaned(false);
    const checked = checkForm(form, status);
    if ('errors' in checked) {
      setErrors(checked.errors);
      showError(new ApiError('VALIDATION_FAILED', '请按提示修改后再保存', 400));
      return;
    }
    setErrors({});
    setBusy(status);
    try {
      const input = checked.input;
      // An article already published stays published when saved; 撤回 is in the list.
      const saved = article ? await updateArticle(article.id, input) : await createArticle(input);
      setArticle(saved);
      setCleaned(comparable(saved.bodyHtml) !== comparable(input.bodyHtml));
      setForm(formOf(saved));
      setBodyVersion((v) => v + 1);
      notify(saved.status === 'PUBLISHED' ? '已发布' : '已保存草稿', 'success');
    } catch (failure) {
      const found = serverErrors(failure);
      setErrors(found.fields);
      setGeneral(found.general);
      showError(failure);
    } finally {
      setBusy(null);
    }
  };

  if (loading) return <View className='card hint'>加载中…</View>;
  if (loadError !== null) {
    return (
      <View className='card'>
        <LoadError message={loadError} onRetry={() => void load()} />
        <View className='link article-edit-back' {...pressableAs('link', backToArticles)}>
          ‹ 返回文章列表
        </View>
      </View>
    );
  }
  if (process.env.TARO_ENV !== 'h5') {
    return article ? <Preview article={article} /> : <View className='card hint article-edit-on-pc'>新建、编辑文章请在电脑上打开工作台（网页版）。</View>;
  }
  if (article && !article.editable) {
    return (
      <View className='card'>
        <View className='card-title'>{article.title}</View>
        <View className='hint'>您只能编辑本所发布的通知公告，这篇文章仅可查看。</View>
        <ArticleBody html={article.bodyHtml} />
      </View>
    );
  }

  const categories = categoriesFor(me);
  const published = article?.status === 'PUBLISHED';

  return (
    <View className='card article-edit'>
      <View className='link article-edit-back' {...pressableAs('link', backToArticles)}>
        ‹ 返回文章列表
      </View>
      <View className='card-title' role='heading' aria-level={1}>
        {article ? '编辑文章' : '新建文章'}
      </View>
      {article && (
        <View className='muted article-edit-state'>
          状态：{ARTICLE_STATUS_LABELS[article.status]}
          {article.publishedAt ? `，发布于 ${formatDateTime(article.publishedAt)}` : ''}，最后保存 {formatDateTime(article.updatedAt)}
        </View>
      )}
      <WbInput label='标题' className='article-title-input' value={form.title} maxlength={80} onChange={(v) => set('title', v)} error={errors.title} />
      {categories.length > 1 ? (
        <WbSelect
          label='分类'
          className='article-category'
          value={form.category}
          options={categories.map((c) => ({ value: c, label: ARTICLE_CATEGORY_LABELS[c] }))}
          onChange={(v) => set('category', v as ArticleCategory)}
          error={errors.category}
        />
      ) : (
        <View className='wb-field'>
          <View className='field-label'>分类</View>
          <View className='article-category-fixed'>{ARTICLE_CATEGORY_LABELS[categories[0]!]}</View>
          <View className='muted'>监管所工作人员发布本所的通知公告。</View>
          {errors.category && <View className='field-error'>{errors.category}</View>}
        </View>
      )}
      <WbTextarea label='摘要（选填，显示在列表中）' className='article-summary-input' value={form.summary} maxlength={200} onChange={(v) => set('summary', v)} error={errors.summary} />

      <View className='wb-field'>
        <View className='field-label'>封面图片（选填）</View>
        {form.coverUrl && <Image className='article-cover-preview' src={form.coverUrl.startsWith('/') ? assetUrl(form.coverUrl) : form.coverUrl} mode='aspectFill' />}
        <View className='wb-form-buttons'>
          <Button className='btn-plain article-cover-choose' size='mini' loading={coverBusy} {...pressable(() => void chooseCover())}>
            {form.coverUploadId ? '更换封面' : '上传封面'}
          </Button>
          {form.coverUploadId && (
            <Button className='btn-plain article-cover-remove' size='mini' {...pressable(() => setForm((f) => ({ ...f, coverUploadId: null, coverUrl: null })))}>
              移除封面
            </Button>
          )}
        </View>
        {errors.coverUploadId && <View className='field-error'>{errors.coverUploadId}</View>}
      </View>

      {BodyEditor ? (
        <BodyEditor html={form.bodyHtml} version={bodyVersion} onChange={(html) => set('bodyHtml', html)} uploadImage={uploadBodyImage} error={errors.bodyHtml} />
      ) : (
        <View className='hint'>正在加载编辑器…</View>
      )}
      {cleaned && (
        <View className='article-cleaned' role='status'>
          正文中不允许的内容（脚本、样式、外部框架等）已被清理，下方显示的是保存后的正文。
        </View>
      )}
      {general && (
        <View className='submit-error' role='alert'>
          {general}
        </View>
      )}
      <View className='wb-form-buttons article-edit-buttons'>
        {!published && (
          <Button className='btn-plain article-save-draft' loading={busy === 'DRAFT'} {...pressable(() => void save('DRAFT'))}>
            保存草稿
          </Button>
        )}
        <Button className='btn-primary article-publish' loading={busy === 'PUBLISHED'} {...pressable(() => void save('PUBLISHED'))}>
          {published ? '保存并更新发布' : article?.status === 'WITHDRAWN' ? '重新发布' : '发布'}
        </Button>
      </View>
    </View>
  );
}

/** 编辑文章: the article form (h5), or a preview on the mini-program. */
export default function ArticleEditPage() {
  const { params } = useRouter();
  const id = idParam.safeParse(params.id);
  return (
    <WbStaffGate current='/pages/workbench/articles' roles={['OFFICE_STAFF', 'ADMIN']}>
      {(me) => <ArticleEditor me={me} id={id.success ? id.data : null} />}
    </WbStaffGate>
  );
}
