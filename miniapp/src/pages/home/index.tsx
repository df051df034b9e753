import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ARTICLE_CATEGORY_LABELS, type AreasTree, type PublicFigures } from '@sa/contracts';
import { fetchAreas } from '../../api';
import { fetchArticles } from '../../api/content';
import { fetchPublicFigures } from '../../api/public';
import { formatDate } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { pressableAs } from '../../components/pressable';
import { errorMessage, showError } from '../../components/show-error';
import { useSession } from '../../session/session';
import { PhoneLink } from './office-phone';
import { useSection } from '../../hooks/use-section';
import './index.css';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';
import { SURVEYS_URL, surveyEntryHint, useOpenSurveys } from '../../components/survey-entry';

type Offices = AreasTree['offices'];

const INTRO =
  '我区正在创建食品安全示范城市。每一家食品经营主体都有一名包保干部负责到底，落实“两个责任”：' +
  '属地管理责任与企业主体责任。群众和社会监督员发现问题，随时可以反映，监管所按时限受理、核查、答复。';

type Entry = { label: string; mark: string; hint: string; open: () => void };

const ENTRIES: Entry[] = [
  { label: '随手拍', mark: '拍', hint: '反映食品安全问题', open: () => void Taro.switchTab({ url: '/pages/report/index' }) },
  { label: '进度查询', mark: '查', hint: '凭受理编号查进度', open: () => void Taro.navigateTo({ url: '/pages/track/index' }) },
  { label: '公示', mark: '示', hint: '处罚信息公示', open: () => void Taro.navigateTo({ url: '/pages/public/penalties' }) },
  { label: '示范街区', mark: '街', hint: '三条示范美食街', open: () => void Taro.navigateTo({ url: '/pages/public/streets' }) },
  { label: '宣传资讯', mark: '讯', hint: '动态、科普与通知', open: () => void Taro.navigateTo({ url: '/pages/news/index' }) },
];

const NO_DATA = '暂无数据';

/** A share as the page says it: 96.5%; null has no data behind it, which is not the same as 0 %. */
export function formatRate(rate: number | null): string {
  if (rate === null) return NO_DATA;
  return `${(Math.round(rate * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

export default function HomePage() {
  const elder = useElderPageClass();
  const session = useSession();
  const [offices, setOffices] = useState<Offices | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const articles = useSection(() => fetchArticles({ limit: 5 }));
  const figures = useSection(fetchPublicFigures);
  const surveys = useOpenSurveys();
  // 满意度测评 only while a campaign is open.
  const entries: Entry[] =
    surveys.length === 0 ? ENTRIES : [...ENTRIES, { label: '满意度测评', mark: '评', hint: surveyEntryHint(surveys), open: () => void Taro.navigateTo({ url: SURVEYS_URL }) }];

  const loadOffices = () => {
    setLoadError(null);
    fetchAreas()
      .then((areas) => setOffices(areas.offices))
      .catch((error: unknown) => {
        setLoadError(errorMessage(error));
        showError(error);
      });
  };
  useEffect(loadOffices, []);

  // While the mini-program is still logging in silently, do not call the user a guest.
  const greeting =
    session.status === 'signed-in' ? `您好，${session.me.displayName}` : session.status === 'guest' ? '您好，游客' : '您好';

  return (
    <View className={`page home${elder}`}>
      <ElderPageNotice />
      <View className='home-banner'>
        <Text className='home-greeting'>{greeting}</Text>
        <Text className='home-subtitle'>食品安全 共建共治共享</Text>
        <Text className='home-slogan'>创建食品安全示范城市 · 人人都是监督员</Text>
      </View>

      <View className='card'>
        <View className='card-title' role='heading' aria-level={2}>
          快捷入口
        </View>
        <View className='home-entries'>
          {entries.map((entry) => (
            <View key={entry.label} className='home-entry' {...pressableAs('link', entry.open)}>
              <View className='home-entry-mark' aria-hidden='true'>
                {entry.mark}
              </View>
              <Text className='home-entry-label'>{entry.label}</Text>
              <Text className='home-entry-hint'>{entry.hint}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='card home-figures'>
        <View className='card-title' role='heading' aria-level={2}>
          {figures.data ? `${figures.data.year} 年办理情况` : '办理情况'}
        </View>
        {figures.data === null && figures.error === null && <View className='hint'>正在加载…</View>}
        <LoadError message={figures.error} onRetry={figures.reload} />
        {figures.data && <Figures figures={figures.data} />}
      </View>

      <View className='card home-news'>
        <View className='home-news-head'>
          <View className='card-title' role='heading' aria-level={2}>
            最新资讯
          </View>
          <Text className='link' {...pressableAs('link', () => void Taro.navigateTo({ url: '/pages/news/index' }), '查看全部宣传资讯')}>
            全部 ›
          </Text>
        </View>
        {articles.data === null && articles.error === null && <View className='hint'>正在加载…</View>}
        <LoadError message={articles.error} onRetry={articles.reload} />
        {articles.data?.items.length === 0 && <View className='hint'>暂无资讯</View>}
        {articles.data?.items.map((article) => (
          <View
            key={article.id}
            className='home-article'
            {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/news/article?id=${article.id}` }))}
          >
            <View className='home-article-title'>{article.title}</View>
            <View className='muted'>
              <Text className='tag'>{ARTICLE_CATEGORY_LABELS[article.category]}</Text>
              {formatDate(article.publishedAt)}
            </View>
          </View>
        ))}
      </View>

      <View className='card'>
        <View className='card-title' role='heading' aria-level={2}>
          关于食安共治
        </View>
        <View className='home-intro'>{INTRO}</View>
      </View>

      <View className='card'>
        <View className='card-title' role='heading' aria-level={2}>
          市场监管所
        </View>
        {offices === null && loadError === null && <View className='hint'>正在加载…</View>}
        <LoadError message={loadError} onRetry={loadOffices} />
        {offices?.map((office) => (
          <View className='office' key={office.id}>
            <View className='office-name'>{office.name}</View>
            <View className='muted'>地址：{office.address}</View>
            <PhoneLink phone={office.phone} label={`拨打${office.name}电话 ${office.phone}`} />
            <View className='muted'>负责街道：{office.streets.map((street) => street.name).join('、')}</View>
          </View>
        ))}
      </View>
    </View>
  );
}

function Figures({ figures }: { figures: PublicFigures }) {
  const { onTime } = figures;
  return (
    <View className='home-figure-row'>
      <View className='home-figure'>
        <Text className='home-figure-value'>{figures.reportsThisYear} 件</Text>
        <Text className='home-figure-label'>本年受理</Text>
      </View>
      <View className='home-figure'>
        <Text className='home-figure-value'>{formatRate(figures.onTimeRate)}</Text>
        <Text className='home-figure-label'>按时办理率</Text>
        {figures.onTimeRate !== null && (
          <Text className='home-figure-note'>
            {onTime.met}/{onTime.decided} 项按时
          </Text>
        )}
      </View>
      <View className='home-figure'>
        <Text className='home-figure-value'>{formatRate(figures.satisfactionRate)}</Text>
        <Text className='home-figure-label'>群众满意度</Text>
      </View>
    </View>
  );
}
