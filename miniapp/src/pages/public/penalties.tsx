import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { PenaltyDisclosure } from '@sa/contracts';
import { fetchPenalties } from '../../api/penalties';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs } from '../../components/pressable';
import { errorMessage } from '../../components/show-error';
import './penalties.css';
import { useElderPageClass } from '../../components/elder-page';

const PAGE = 10;

/** One public summary: exactly the fields 总局令第45号 names, with their labels. */
function PenaltyCard({ item }: { item: PenaltyDisclosure }) {
  const rows: [string, string][] = [
    ['文书号', item.decisionNo],
    ['当事人', item.partyName],
    ...(item.partyCreditCode ? ([['统一社会信用代码', item.partyCreditCode]] as [string, string][]) : []),
    ['违法行为类型', item.violationType],
    ['处罚内容', item.penaltyContent],
    ['处罚机关', item.authority],
    ['决定日期', item.decisionDate],
    ['公示日期', item.disclosedDate],
  ];
  const business = item.business;
  return (
    <View className='card pen-card' role='article' aria-label={`处罚决定 ${item.decisionNo}`}>
      {rows.map(([label, value]) => (
        <View key={label} className='pen-row'>
          <Text className='pen-label'>{label}</Text>
          <Text className='pen-value'>{value}</Text>
        </View>
      ))}
      {business && (
        <View
          className='link pen-business'
          {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/public/business?id=${business.id}` }), `查看经营主体：${business.name}`)}
        >
          查看经营主体：{business.name} ›
        </View>
      )}
    </View>
  );
}

/** 处罚信息公示: search, the cards, 加载更多; `?businessId=` shows one business's. */
export default function PenaltiesPage() {
  const elder = useElderPageClass();
  const params = useRouter().params;
  const businessId = Number(params.businessId) > 0 ? Number(params.businessId) : undefined;
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PenaltyDisclosure[] | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Answers to an older search arrive late sometimes: only the newest may fill the list.
  const latest = useRef(0);

  const load = async (offset: number) => {
    const ticket = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPenalties({ q: q || undefined, businessId, limit: PAGE, offset });
      if (ticket !== latest.current) return;
      setItems((shown) => (offset === 0 || !shown ? page.items : [...shown, ...page.items]));
      setTotal(page.total);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  };
  useEffect(() => void load(0), [q, businessId]);

  const search = () => setQ(draft.trim());
  const more = items !== null && items.length < total;
  const onlyBusiness = businessId !== undefined ? items?.[0]?.business?.name : undefined;

  return (
    <View className={`page pen-page${elder}`}>
      <View className='card'>
        <View className='pen-title' role='heading' aria-level={1}>
          处罚信息公示
        </View>
        <View className='hint pen-intro'>
          依据《市场监督管理行政处罚信息公示规定》，行政处罚决定自作出之日起 20 个工作日内向社会公示。仅受警告的不予公示；自然人当事人的姓名部分隐去，身份证号码不予公示。
        </View>
        <View className='pen-search' role='search'>
          <View className='pen-field-label'>搜索</View>
          <View className='pen-search-line'>
            <Input
              className='field pen-search-input'
              value={draft}
              maxlength={50}
              placeholder='经营主体名称、文书号或单位名称'
              confirmType='search'
              nativeProps={{ 'aria-label': '搜索：经营主体名称、文书号或单位名称' }}
              onInput={(event) => setDraft(event.detail.value)}
              onConfirm={search}
            />
            <Button className='btn-primary pen-search-go' {...pressable(search)}>
              搜索
            </Button>
          </View>
        </View>
        {businessId !== undefined && (
          <View className='pen-scope'>
            <Text>{onlyBusiness ? `仅显示「${onlyBusiness}」的公示` : '仅显示该经营主体的公示'}</Text>
            <View className='link pen-show-all' {...pressableAs('link', () => void Taro.redirectTo({ url: '/pages/public/penalties' }))}>
              查看全部公示
            </View>
          </View>
        )}
      </View>

      <LoadError message={error} onRetry={() => void load(0)} />
      {items === null && !error && <View className='hint'>加载中…</View>}
      {items !== null && (
        <View className='pen-total' aria-live='polite'>
          {q ? `「${q}」的搜索结果：` : ''}共 {total} 条
        </View>
      )}
      {items?.map((item) => <PenaltyCard key={item.id} item={item} />)}
      {items !== null && items.length === 0 && !error && (
        <View className='card pen-empty'>{q ? `没有找到与「${q}」相关的处罚信息公示。可换用经营主体名称或文书号中的几个字再试。` : '暂无处罚信息公示。'}</View>
      )}
      {more && (
        <Button className='btn-plain pen-more' loading={loading} {...pressable(() => !loading && void load(items.length))}>
          加载更多（已显示 {items.length} / {total} 条）
        </Button>
      )}
    </View>
  );
}
