import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ARTICLE_CATEGORY_LABELS, idParam, type PublicArticle } from '@sa/contracts';
import { ApiError } from '../../api';
import { fetchArticle } from '../../api/content';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { pressableAs } from '../../components/pressable';
import { ArticleBody, assetUrl } from '../../components/rich-text';
import { errorMessage } from '../../components/show-error';
import './index.css';
import './article.css';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';

type State = { kind: 'loading' } | { kind: 'shown'; article: PublicArticle } | { kind: 'missing' } | { kind: 'failed'; message: string };

/** Back to the list the reader came from; opened from a shared link, there is none, so the list opens in its place. */
export function backToList() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: '/pages/news/index' });
}

function BackLink() {
  return (
    <View className='link article-back' {...pressableAs('link', backToList)}>
      ‹ 返回列表
    </View>
  );
}

/** 资讯详情: one published article. */
export default function ArticlePage() {
  const elder = useElderPageClass();
  const { params } = useRouter();
  const id = idParam.safeParse(params.id);
  const [state, setState] = useState<State>(id.success ? { kind: 'loading' } : { kind: 'missing' });

  const load = async () => {
    if (!id.success) return;
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'shown', article: await fetchArticle(id.data) });
    } catch (failure) {
      // Withdrawn articles answer 404 too: the reader is told so rather than that something broke.
      if (failure instanceof ApiError && failure.status === 404) setState({ kind: 'missing' });
      else setState({ kind: 'failed', message: errorMessage(failure) });
    }
  };
  useEffect(() => void load(), [params.id]);

  return (
    <View className={`page news-article${elder}`}>
      <ElderPageNotice />
      {state.kind === 'loading' && <View className='hint'>正在加载…</View>}
      {state.kind === 'failed' && (
        <View className='card'>
          <LoadError message={state.message} onRetry={() => void load()} />
        </View>
      )}
      {state.kind === 'missing' && (
        <View className='card article-missing' role='alert'>
          <View className='card-title'>文章不存在或已撤回</View>
          <View className='hint'>这篇文章可能已被撤回，或链接有误。请回到资讯列表查看其他文章。</View>
          <BackLink />
        </View>
      )}
      {state.kind === 'shown' && (
        <View className='card article' role='article'>
          <View className='article-title' role='heading' aria-level={1}>
            {state.article.title}
          </View>
          <View className='news-meta article-meta'>
            <Text className='tag'>{ARTICLE_CATEGORY_LABELS[state.article.category]}</Text>
            <Text className='news-date'>{formatDateTime(state.article.publishedAt)}</Text>
            <Text className='news-views'>阅读 {state.article.viewCount}</Text>
          </View>
          {state.article.office && <View className='article-office'>发布单位：{state.article.office.name}</View>}
          {/* The cover illustrates the title, which is read out: a screen reader skips it rather than reading its address. */}
          {state.article.coverUrl && <Image className='article-cover' src={assetUrl(state.article.coverUrl)} mode='widthFix' aria-hidden='true' />}
          {state.article.summary && <View className='article-summary'>{state.article.summary}</View>}
          <ArticleBody html={state.article.bodyHtml} className='article-body' />
          <BackLink />
        </View>
      )}
    </View>
  );
}
