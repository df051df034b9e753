import { useEffect, useRef, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ARTICLE_CATEGORIES, ARTICLE_CATEGORY_LABELS, type ArticleCategory, type ArticleListItem } from '@sa/contracts';
import { fetchArticles } from '../../api/content';
import { formatDate } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs } from '../../components/pressable';
import { assetUrl } from '../../components/rich-text';
import { errorMessage } from '../../components/show-error';
import './index.css';
import { useElderPageClass } from '../../components/elder-page';

const PAGE_SIZE = 10;

type Tab = ArticleCategory | 'ALL';
const TABS: readonly Tab[] = ['ALL', ...ARTICLE_CATEGORIES];
const tabLabel = (tab: Tab) => (tab === 'ALL' ? '全部' : ARTICLE_CATEGORY_LABELS[tab]);
const tabId = (tab: Tab) => `news-tab-${tab}`;

const isCategory = (value: string | undefined): value is ArticleCategory => ARTICLE_CATEGORIES.some((c) => c === value);

type Loaded = { items: ArticleListItem[]; total: number };

/** 分类: a tablist; the arrow keys, Home and End move between the categories, as a screen reader user expects. */
function CategoryTabs({ current, onChoose }: { current: Tab; onChoose: (tab: Tab) => void }) {
  // The focus follows the arrow key once the newly chosen tab has rendered as the selected one.
  const focusChosen = useRef(false);
  useEffect(() => {
    if (!focusChosen.current || process.env.TARO_ENV !== 'h5') return;
    focusChosen.current = false;
    document.getElementById(tabId(current))?.focus();
  }, [current]);
  const moveTo = (tab: Tab) => {
    focusChosen.current = true;
    onChoose(tab);
  };
  const onArrow = (event: { key?: string; preventDefault?: () => void }) => {
    const at = TABS.indexOf(current);
    const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: TABS.length - 1 }[event.key ?? ''];
    if (next === undefined) return false;
    event.preventDefault?.();
    moveTo(TABS[(next + TABS.length) % TABS.length]!);
    return true;
  };
  return (
    <View className='news-tabs' role='tablist' aria-label='资讯分类'>
      {TABS.map((tab) => {
        const selected = tab === current;
        const press = pressableAs('button', () => onChoose(tab));
        const props = {
          ...press,
          role: 'tab',
          'aria-selected': selected ? 'true' : 'false',
          'aria-controls': 'news-panel',
          // One tab stop for the whole list: the arrow keys do the rest.
          tabIndex: selected ? 0 : -1,
          onKeyDown: (event: { key?: string; preventDefault?: () => void }) => void (onArrow(event) || press.onKeyDown(event)),
        };
        return (
          <View key={tab} id={tabId(tab)} className={`news-tab${selected ? ' news-tab-selected' : ''}`} {...props}>
            <Text>{tabLabel(tab)}</Text>
          </View>
        );
      })}
    </View>
  );
}

function ArticleRow({ article }: { article: ArticleListItem }) {
  const open = () => void Taro.navigateTo({ url: `/pages/news/article?id=${article.id}` });
  return (
    <View className='news-row' {...pressableAs('link', open)}>
      {article.coverUrl && <Image className='news-thumb' src={assetUrl(article.coverUrl)} mode='aspectFill' aria-hidden='true' />}
      <View className='news-row-text'>
        <View className='news-title'>{article.title}</View>
        {article.summary && <View className='news-summary'>{article.summary}</View>}
        <View className='news-meta'>
          <Text className='tag'>{ARTICLE_CATEGORY_LABELS[article.category]}</Text>
          <Text className='news-date'>{formatDate(article.publishedAt)}</Text>
          {article.office && <Text className='news-office'>{article.office.name}</Text>}
          <Text className='news-views'>阅读 {article.viewCount}</Text>
        </View>
      </View>
    </View>
  );
}

/** 宣传资讯: the bureau's published articles by category, newest first, searchable. */
export default function NewsPage() {
  const elder = useElderPageClass();
  const { params } = useRouter();
  const [tab, setTab] = useState<Tab>(isCategory(params.category) ? params.category : 'ALL');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [list, setList] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A reply to an older search must not overwrite the newer one's list.
  const generation = useRef(0);

  const load = async (offset: number) => {
    const mine = ++generation.current;
    setError(null);
    setBusy(true);
    try {
      const page = await fetchArticles({ category: tab === 'ALL' ? undefined : tab, q: q || undefined, limit: PAGE_SIZE, offset });
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
  }, [tab, q]);

  const search = () => setQ(draft.trim());
  const more = list !== null && list.items.length < list.total;

  return (
    <View className={`page news${elder}`}>
      <CategoryTabs current={tab} onChoose={setTab} />

      <View className='news-search' role='search'>
        <Input
          className='field news-q'
          value={draft}
          maxlength={50}
          placeholder='搜索标题或摘要'
          confirmType='search'
          nativeProps={{ 'aria-label': '搜索资讯', type: 'search' }}
          onInput={(event) => setDraft(event.detail.value)}
          onConfirm={search}
        />
        <Button className='btn-primary news-search-go' {...pressable(search)}>
          搜索
        </Button>
      </View>

      <View id='news-panel' className='news-panel' role='tabpanel' aria-labelledby={tabId(tab)}>
        {q && (
          <View className='news-filter'>
            <Text>“{q}”的搜索结果</Text>
            <Text
              className='link news-clear'
              {...pressable(() => {
                setDraft('');
                setQ('');
              })}
            >
              清除搜索
            </Text>
          </View>
        )}
        {list === null && error === null && <View className='hint'>正在加载…</View>}
        {list !== null && list.total === 0 && (
          <View className='card news-empty'>{q ? `没有找到与“${q}”相关的${tab === 'ALL' ? '资讯' : tabLabel(tab)}` : `暂无${tab === 'ALL' ? '资讯' : tabLabel(tab)}`}</View>
        )}
        {list !== null && list.items.length > 0 && (
          <View className='card news-list'>
            {list.items.map((article) => (
              <ArticleRow key={article.id} article={article} />
            ))}
          </View>
        )}
        <LoadError message={error} onRetry={() => void load(list?.items.length ?? 0)} />
        {list !== null && list.total > 0 && (
          <View className='news-pager' aria-live='polite'>
            <Text className='news-count'>
              共 {list.total} 篇{more ? `，已显示 ${list.items.length} 篇` : ''}
            </Text>
            {more && (
              <Button className='btn-plain news-more' loading={busy} {...pressable(() => !busy && void load(list.items.length))}>
                加载更多
              </Button>
            )}
          </View>
        )}
      </View>
    </View>
  );
}
