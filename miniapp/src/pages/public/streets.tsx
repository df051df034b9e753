import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { BusinessSummary } from '@sa/contracts';
import { fetchAreas, searchBusinesses } from '../../api';
import { fetchModelStreets } from '../../api/public';
import { LoadError } from '../../components/load-error';
import { pressableAs, selectable } from '../../components/pressable';
import { errorMessage } from '../../components/show-error';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { useSection } from '../../hooks/use-section';
import { BusinessRow } from './place-parts';
import './places.css';
import { useElderPageClass } from '../../components/elder-page';

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 300;

/** 示范街区: the three model food streets, and a search for any business's public page. */
export default function StreetsPage() {
  const elder = useElderPageClass();
  const streets = useSection(fetchModelStreets);
  return (
    <View className={`page places${elder}`}>
      <View className='card'>
        <View className='card-title' role='heading' aria-level={1}>
          示范街区
        </View>
        <View className='places-intro'>
          区食安办命名的三条食品安全示范街。街区内每家经营主体都公示许可证、包保干部和投诉渠道，欢迎群众监督。
        </View>
      </View>

      {streets.data === null && streets.error === null && <View className='hint'>正在加载…</View>}
      <LoadError message={streets.error} onRetry={streets.reload} />
      {streets.data?.length === 0 && <View className='card hint'>暂无示范街区</View>}
      {streets.data?.map((street) => (
        <View
          key={street.id}
          className='card place-card'
          {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/public/street?id=${street.id}` }), `${street.name}，${street.businessCount} 家经营主体`)}
        >
          <View className='place-card-head'>
            <Text className='place-name'>{street.name}</Text>
            <Text className='tag'>{street.street.name}</Text>
          </View>
          <View className='place-description'>{street.description}</View>
          <View className='place-card-foot'>
            <Text className='muted'>共 {street.businessCount} 家经营主体</Text>
            <Text className='link'>查看 ›</Text>
          </View>
        </View>
      ))}

      <BusinessFinder />
    </View>
  );
}

type Results = { key: string; items: BusinessSummary[]; total: number };

/** Any business by name, in one street or all: the way to its public page without knowing its street. */
function BusinessFinder() {
  const areas = useSection(fetchAreas);
  const [query, setQuery] = useState('');
  const [streetId, setStreetId] = useState<number | null>(null);
  const settledQuery = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const [results, setResults] = useState<Results | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useRef(0);
  const key = `${streetId ?? ''}|${settledQuery}`;
  const active = settledQuery !== '' || streetId !== null;

  const runSearch = (offset: number) => {
    const searchId = ++latest.current;
    setSearchError(null);
    if (offset > 0) setLoadingMore(true);
    searchBusinesses({ q: settledQuery || undefined, streetId: streetId ?? undefined, limit: PAGE_SIZE, offset })
      .then((page) => {
        // An older, slower answer must not replace the one for what the user asked last.
        if (searchId !== latest.current) return;
        setResults((before) => ({ key, total: page.total, items: offset > 0 && before?.key === key ? [...before.items, ...page.items] : page.items }));
      })
      .catch((error: unknown) => {
        if (searchId === latest.current) setSearchError(errorMessage(error));
      })
      .finally(() => setLoadingMore(false));
  };

  useEffect(() => {
    if (!active) {
      latest.current++;
      setResults(null);
      setSearchError(null);
      return;
    }
    runSearch(0);
  }, [key]);

  const streetList = areas.data?.offices.flatMap((office) => office.streets) ?? [];
  const shown = results !== null && results.key === key ? results : null;

  return (
    <View className='card finder'>
      <View className='card-title' role='heading' aria-level={2}>
        查找经营主体
      </View>
      <View className='muted'>输入店名或许可证编号，可按街道筛选，查看经营主体的公示信息</View>
      <Input
        className='field finder-query'
        type='text'
        value={query}
        placeholder='店名或许可证编号'
        confirmType='search'
        nativeProps={{ 'aria-label': '查找经营主体：店名或许可证编号' }}
        onInput={(event) => setQuery(event.detail.value)}
      />
      <LoadError message={areas.error} onRetry={areas.reload} />
      {streetList.length > 0 && (
        <View className='finder-streets' role='group' aria-label='按街道筛选'>
          <Text className={`chip ${streetId === null ? 'chip-selected' : ''}`} {...selectable(streetId === null, () => setStreetId(null))}>
            全部街道
          </Text>
          {streetList.map((street) => (
            <Text
              key={street.id}
              className={`chip ${streetId === street.id ? 'chip-selected' : ''}`}
              {...selectable(streetId === street.id, () => setStreetId(street.id))}
            >
              {street.name}
            </Text>
          ))}
        </View>
      )}
      {active && shown === null && searchError === null && <View className='hint'>正在查找…</View>}
      {searchError !== null && (
        <LoadError message={searchError} onRetry={() => runSearch(shown?.items.length ?? 0)} />
      )}
      {shown !== null && (
        <View aria-live='polite'>
          <View className='hint'>
            {shown.total === 0 ? '没有找到符合条件的经营主体' : `共 ${shown.total} 家，已显示 ${shown.items.length} 家`}
          </View>
          {shown.items.map((business) => (
            <BusinessRow key={business.id} business={business} />
          ))}
          {shown.items.length < shown.total && (
            <Button className='btn-plain finder-more' disabled={loadingMore} onClick={() => runSearch(shown.items.length)}>
              {loadingMore ? '正在加载…' : '加载更多'}
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
