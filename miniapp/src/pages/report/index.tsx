import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { CADRE_TIER_LABELS, type BusinessDetail, type BusinessSummary } from '@sa/contracts';
import { fetchBusiness, searchBusinesses } from '../../api';
import { GRADE_LABELS } from '../../api/labels';
import { BusinessCard } from '../../components/business-card';
import { errorMessage, showError } from '../../components/show-error';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import './index.css';

const SEARCH_DELAY_MS = 300;

type Results = { query: string; items: BusinessSummary[]; total: number };

/** 随手拍, step one: find the food business (经营主体) the problem is about. */
export default function ReportPage() {
  const [query, setQuery] = useState('');
  const settledQuery = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const [results, setResults] = useState<Results | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [selected, setSelected] = useState<BusinessDetail | null>(null);
  const latestSearch = useRef(0);

  useEffect(() => {
    if (settledQuery === '') {
      setResults(null);
      setSearchError(null);
      return;
    }
    const searchId = ++latestSearch.current;
    setSearchError(null);
    searchBusinesses({ q: settledQuery })
      .then((page) => {
        // A slower, older search must not overwrite the answer to what the user typed last.
        if (searchId === latestSearch.current) setResults({ query: settledQuery, ...page });
      })
      .catch((error: unknown) => {
        if (searchId !== latestSearch.current) return;
        setSearchError(errorMessage(error));
        showError(error);
      });
  }, [settledQuery]);

  const openBusiness = (business: BusinessSummary) => {
    fetchBusiness(business.id).then(setSelected).catch(showError);
  };

  if (selected) return <BusinessDetailView business={selected} onBack={() => setSelected(null)} />;

  return (
    <View className='page report'>
      <View className='card'>
        <View className='card-title'>第一步：找到经营主体</View>
        <View className='muted'>输入店名或食品经营许可证编号（如 JY 开头的编号）</View>
        <Input
          className='field business-query'
          type='text'
          value={query}
          placeholder='店名或许可证编号'
          confirmType='search'
          onInput={(event) => setQuery(event.detail.value)}
        />
      </View>

      {settledQuery === '' && <View className='hint'>输入后自动搜索，点选一家查看其包保干部</View>}
      {searchError !== null && settledQuery !== '' && <View className='hint'>{searchError}</View>}
      {results !== null && results.query === settledQuery && (
        <View>
          <View className='hint'>
            {results.total === 0
              ? `没有找到与“${results.query}”相关的经营主体`
              : `找到 ${results.total} 家经营主体${results.total > results.items.length ? `，显示前 ${results.items.length} 家` : ''}`}
          </View>
          {results.items.map((business) => (
            <BusinessCard key={business.id} business={business} onSelect={openBusiness} />
          ))}
        </View>
      )}
    </View>
  );
}

function BusinessDetailView({ business, onBack }: { business: BusinessDetail; onBack: () => void }) {
  return (
    <View className='page report'>
      <View className='card'>
        <View className='card-title'>{business.name}</View>
        <View>
          <Text className='tag'>{GRADE_LABELS[business.grade]}</Text>
          <Text className='tag'>{business.businessType.name}</Text>
        </View>
        <View className='detail-row'>许可证编号：{business.licenceNo}</View>
        <View className='detail-row'>地址：{business.address}</View>
        <View className='detail-row'>
          所在地：{business.street.name} {business.community.name}
        </View>
        {business.office && <View className='detail-row'>监管单位：{business.office.name}</View>}
      </View>

      <View className='card'>
        <View className='card-title'>包保干部</View>
        {business.cadre ? (
          <View className='cadre'>
            <Text className='cadre-name'>{business.cadre.name}</Text>
            <Text className='tag'>{CADRE_TIER_LABELS[business.cadre.tier]}包保干部</Text>
            <View className='muted'>{business.cadre.title}</View>
          </View>
        ) : (
          <View className='hint'>该经营主体暂未确定包保干部</View>
        )}
      </View>

      <View className='card next-step'>
        <View className='card-title'>第二步：描述问题</View>
        <View className='muted'>填写问题描述、上传照片并提交反映的功能即将开放，敬请期待。</View>
      </View>

      <Button className='btn-plain' onClick={onBack}>
        重新选择经营主体
      </Button>
    </View>
  );
}
