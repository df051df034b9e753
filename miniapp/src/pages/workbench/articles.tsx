import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_CATEGORY_LABELS,
  ARTICLE_STATUSES,
  ARTICLE_STATUS_LABELS,
  type AdminArticle,
  type ArticleCategory,
  type ArticleStatus,
} from '@sa/contracts';
import { fetchAdminArticles, updateArticle } from '../../api/content';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { pressable } from '../../components/pressable';
import { errorMessage, showError } from '../../components/show-error';
import { askConfirm, notify } from '../../components/notify';
import { WbInput, WbSelect } from '../../components/wb-field';
import { WbStaffGate } from '../../components/wb-staff-gate';
import './index.css';
import './article-edit.css';

const PAGE_SIZE = 20;
const onWeb = () => process.env.TARO_ENV === 'h5';

const openEditor = (id?: number) => void Taro.navigateTo({ url: id ? `/pages/workbench/article-edit?id=${id}` : '/pages/workbench/article-edit' });

function ArticleRow({ article, onChanged }: { article: AdminArticle; onChanged: (a: AdminArticle) => void }) {
  const [busy, setBusy] = useState(false);
  const setStatus = async (status: ArticleStatus) => {
    if (busy) return;
    if (status === 'WITHDRAWN') {
      if (!(await askConfirm(`撤回后“${article.title}”不再公开显示，可随时重新发布。确定撤回？`, { title: '撤回文章', confirmText: '撤回' }))) return;
    }
    setBusy(true);
    try {
      onChanged(await updateArticle(article.id, { status }));
      notify(status === 'WITHDRAWN' ? '已撤回' : '已重新发布', 'success');
    } catch (failure) {
      showError(failure);
    } finally {
      setBusy(false);
    }
  };
  const when = article.publishedAt ? `发布于 ${formatDateTime(article.publishedAt)}` : `保存于 ${formatDateTime(article.updatedAt)}`;
  return (
    <View className={`wb-article-row wb-article-${article.id}`}>
      <View className='wb-article-title'>{article.title}</View>
      <View className='wb-article-meta'>
        <Text className={`tag wb-article-status-${article.status}`}>{ARTICLE_STATUS_LABELS[article.status]}</Text>
        <Text className='tag'>{ARTICLE_CATEGORY_LABELS[article.category]}</Text>
        <Text className='muted'>
          {when}
          {article.office ? ` · ${article.office.name}` : ''}
          {article.author ? ` · ${article.author.displayName}` : ''}
          {article.status === 'PUBLISHED' ? ` · 阅读 ${article.viewCount}` : ''}
        </Text>
      </View>
      <View className='wb-form-buttons'>
        {article.editable || !onWeb() ? (
          <Button className='btn-plain wb-article-edit' size='mini' {...pressable(() => openEditor(article.id), `${onWeb() ? '编辑' : '预览'}“${article.title}”`)}>
            {onWeb() ? '编辑' : '预览'}
          </Button>
        ) : (
          <Button className='btn-plain wb-article-view' size='mini' {...pressable(() => openEditor(article.id), `查看“${article.title}”`)}>
            查看
          </Button>
        )}
        {article.editable && article.status === 'PUBLISHED' && (
          <Button className='btn-plain wb-article-withdraw' size='mini' loading={busy} {...pressable(() => void setStatus('WITHDRAWN'), `撤回“${article.title}”`)}>
            撤回
          </Button>
        )}
        {article.editable && article.status === 'WITHDRAWN' && (
          <Button className='btn-plain wb-article-republish' size='mini' loading={busy} {...pressable(() => void setStatus('PUBLISHED'), `重新发布“${article.title}”`)}>
            重新发布
          </Button>
        )}
      </View>
    </View>
  );
}

function Articles() {
  const [status, setStatus] = useState<ArticleStatus | ''>('');
  const [category, setCategory] = useState<ArticleCategory | ''>('');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [list, setList] = useState<{ items: AdminArticle[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const generation = useRef(0);

  const load = async (offset: number) => {
    const mine = ++generation.current;
    setError(null);
    setBusy(true);
    try {
      const page = await fetchAdminArticles({ status: status || undefined, category: category || undefined, q: q || undefined, limit: PAGE_SIZE, offset });
      if (mine !== generation.current) return;
      setList((before) => ({ items: offset === 0 || !before ? page.items : [...before.items, ...page.items], total: page.total }));
    } catch (failure) {
      if (mine === generation.current) setError(errorMessage(failure));
    } finally {
      if (mine === generation.current) setBusy(false);
    }
  };
  useEffect(() => {
    setList(null);
    void load(0);
  }, [status, category, q]);

  const changed = (a: AdminArticle) => setList((l) => l && { ...l, items: l.items.map((x) => (x.id === a.id ? a : x)) });
  const more = list !== null && list.items.length < list.total;

  return (
    <View className='wb-articles'>
      <View className='card'>
        <View className='card-title'>宣传内容</View>
        {onWeb() ? (
          <Button className='btn-primary wb-article-new' {...pressable(() => openEditor())}>
            新建文章
          </Button>
        ) : (
          <View className='hint article-edit-on-pc'>手机上可查看和预览文章；新建、编辑请在电脑上打开工作台（网页版）。</View>
        )}
        <View className='wb-article-filters'>
          <WbSelect
            label='状态'
            className='wb-article-status'
            value={status}
            anyLabel='全部状态'
            options={ARTICLE_STATUSES.map((s) => ({ value: s, label: ARTICLE_STATUS_LABELS[s] }))}
            onChange={(v) => setStatus(v as ArticleStatus | '')}
          />
          <WbSelect
            label='分类'
            className='wb-article-category'
            value={category}
            anyLabel='全部分类'
            options={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: ARTICLE_CATEGORY_LABELS[c] }))}
            onChange={(v) => setCategory(v as ArticleCategory | '')}
          />
          <WbInput label='搜索标题' className='wb-article-q' value={draft} maxlength={50} onChange={setDraft} onConfirm={() => setQ(draft.trim())} />
          <Button className='btn-plain wb-article-search-go' size='mini' {...pressable(() => setQ(draft.trim()))}>
            搜索
          </Button>
        </View>
      </View>
      <View className='card'>
        {list === null && error === null && <View className='hint'>加载中…</View>}
        <LoadError message={error} onRetry={() => void load(list?.items.length ?? 0)} />
        {list?.total === 0 && <View className='hint wb-articles-empty'>没有符合条件的文章</View>}
        {list?.items.map((a) => <ArticleRow key={a.id} article={a} onChanged={changed} />)}
        {list !== null && list.total > 0 && (
          <View className='wb-articles-pager'>
            <Text className='wb-articles-count'>
              共 {list.total} 篇{more ? `，已显示 ${list.items.length} 篇` : ''}
            </Text>
            {more && (
              <Button className='btn-plain wb-articles-more' loading={busy} {...pressable(() => !busy && void load(list.items.length))}>
                加载更多
              </Button>
            )}
          </View>
        )}
      </View>
    </View>
  );
}

/** 宣传内容: the articles staff may see, with their state; writing is on the computer (h5). */
export default function ArticlesPage() {
  return (
    <WbStaffGate current='/pages/workbench/articles' roles={['OFFICE_STAFF', 'ADMIN']}>
      {() => <Articles />}
    </WbStaffGate>
  );
}
