import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { CADRE_TIER_LABELS, type AreasTree, type BusinessDetail, type BusinessSummary, type PhotoLocation } from '@sa/contracts';
import { fetchAreas, fetchBusiness, searchBusinesses } from '../../api';
import { GRADE_LABELS } from '../../api/labels';
import { BusinessCard, PublicPageLink } from '../../components/business-card';
import { focusSoon } from '../../components/focus-soon';
import { pressable, selectable } from '../../components/pressable';
import { errorMessage, showError } from '../../components/show-error';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import type { ReportPlace } from './report-draft';
import { LoadError } from '../../components/load-error';

const SEARCH_DELAY_MS = 300;

export type FreePlace = Extract<ReportPlace, { type: 'free' }>;
export const emptyFreePlace = (): FreePlace => ({ type: 'free', businessName: '', businessAddress: '', streetId: null, communityId: null });

type Props = {
  business: BusinessDetail | null;
  freePlace: FreePlace | null;
  location: PhotoLocation | null;
  /** a 投诉 names its respondent: a name and an address when the business is not in the registry */
  respondentRequired: boolean;
  error: string | undefined;
  businessNameError: string | undefined;
  businessAddressError: string | undefined;
  onPickBusiness: (business: BusinessDetail) => void;
  onFreePlace: (place: FreePlace | null) => void;
  onDropLocation: () => void;
};

/** 第一步: the business from the registry, or, when it is not there, a name, an address and the street. */
export function PlaceStep(props: Props) {
  const { business, freePlace } = props;
  return (
    <View className='card place-step'>
      <View className='card-title'>第一步：问题发生在哪里</View>
      {/* Up here, where the focus lands on 提交: the message and the search box are seen together. */}
      {props.error && <View className='field-error place-error'>{props.error}</View>}
      {business && <ChosenBusiness business={business} onChange={() => props.onFreePlace(null)} />}
      {!business && freePlace && <FreePlaceForm {...props} place={freePlace} />}
      {!business && !freePlace && (
        <BusinessSearch onPick={props.onPickBusiness} onNotFound={() => props.onFreePlace(emptyFreePlace())} />
      )}
    </View>
  );
}

type Streets = AreasTree['offices'][number]['streets'];

/** What the list answers: the words and the street it was asked for, and the businesses loaded so far. */
type Results = { key: string; items: BusinessSummary[]; total: number };
const searchKey = (q: string, streetId: number | null) => `${streetId ?? ''}|${q}`;

/** Moves the focus to a business that 加载更多 added, so a keyboard user goes on from where the list grew (h5). */
const focusChoice = (id: number) => focusSoon(() => document.getElementById(`business-choice-${id}`));

function BusinessSearch({ onPick, onNotFound }: { onPick: (business: BusinessDetail) => void; onNotFound: () => void }) {
  const [query, setQuery] = useState('');
  const [streetId, setStreetId] = useState<number | null>(null);
  const [streets, setStreets] = useState<Streets>([]);
  const settledQuery = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const [results, setResults] = useState<Results | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latestSearch = useRef(0);
  const key = searchKey(settledQuery, streetId);
  const asked = settledQuery !== '' || streetId !== null;

  useEffect(() => {
    fetchAreas()
      .then((areas) => setStreets(areas.offices.flatMap((office) => office.streets)))
      // The street filter only narrows the search: without the list, searching by name still works.
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!asked) {
      setResults(null);
      setSearchError(null);
      return;
    }
    const searchId = ++latestSearch.current;
    setSearchError(null);
    searchBusinesses({ q: settledQuery || undefined, streetId: streetId ?? undefined })
      .then((page) => {
        // A slower, older search must not overwrite the answer to what the user typed last.
        if (searchId === latestSearch.current) setResults({ key, ...page });
      })
      .catch((error: unknown) => {
        if (searchId !== latestSearch.current) return;
        setSearchError(errorMessage(error));
        showError(error);
      });
  }, [key]);

  const loadMore = async () => {
    if (!results || loadingMore) return;
    const searchId = latestSearch.current;
    setLoadingMore(true);
    try {
      const page = await searchBusinesses({ q: settledQuery || undefined, streetId: streetId ?? undefined, offset: results.items.length });
      if (searchId !== latestSearch.current) return;
      setResults((before) => before && { ...before, items: [...before.items, ...page.items], total: page.total });
      if (page.items[0]) focusChoice(page.items[0].id);
    } catch (error) {
      showError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const open = (listed: BusinessSummary) => {
    fetchBusiness(listed.id).then(onPick).catch(showError);
  };
  const streetName = streets.find((s) => s.id === streetId)?.name;

  return (
    <View>
      <View className='muted'>输入店名或食品经营许可证编号（如 JY 开头的编号），点选被反映的经营主体</View>
      <Input
        className='field business-query'
        type='text'
        value={query}
        placeholder='店名或许可证编号'
        confirmType='search'
        nativeProps={{ 'aria-label': '搜索经营主体：店名或许可证编号' }}
        onInput={(event) => setQuery(event.detail.value)}
      />
      {streets.length > 0 && (
        <View className='street-filter'>
          <View className='field-label'>按街道筛选</View>
          <View className='chips street-filter-chips' role='group' aria-label='按街道筛选'>
            <Text className={`chip${streetId === null ? ' chip-selected' : ''}`} {...selectable(streetId === null, () => setStreetId(null))}>
              全部街道
            </Text>
            {streets.map((s) => (
              <Text key={s.id} className={`chip${s.id === streetId ? ' chip-selected' : ''}`} {...selectable(s.id === streetId, () => setStreetId(s.id))}>
                {s.name}
              </Text>
            ))}
          </View>
        </View>
      )}
      {searchError !== null && asked && <View className='hint'>{searchError}</View>}
      {results !== null && results.key === key && (
        <View>
          <View className='hint search-count' aria-live='polite'>
            {results.total === 0
              ? settledQuery
                ? `${streetName ? `${streetName}内` : ''}没有找到与“${settledQuery}”相关的经营主体`
                : `${streetName ?? ''}暂无登记的经营主体`
              : `共 ${results.total} 家${streetName ? `（${streetName}）` : ''}${results.total > results.items.length ? `，已显示 ${results.items.length} 家` : ''}`}
          </View>
          {results.items.map((listed) => (
            <View
              key={listed.id}
              id={`business-choice-${listed.id}`}
              className='business-choice'
              {...pressable(() => open(listed), `选择 ${listed.name}，${listed.address}`)}
            >
              <BusinessCard business={listed} />
            </View>
          ))}
          {results.items.length < results.total && (
            <Button className='btn-plain load-more-businesses' size='mini' loading={loadingMore} {...pressable(() => void loadMore())}>
              加载更多（还有 {results.total - results.items.length} 家）
            </Button>
          )}
        </View>
      )}
      <View className='not-found'>
        <Text className='muted'>是流动摊贩、无证店铺，或搜不到？</Text>
        <Text className='link not-found-link' {...pressable(onNotFound)}>
          找不到经营主体
        </Text>
      </View>
    </View>
  );
}

function ChosenBusiness({ business, onChange }: { business: BusinessDetail; onChange: () => void }) {
  return (
    <View className='chosen'>
      <View className='business-name'>{business.name}</View>
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
      <View className='cadre'>
        <View className='detail-row'>包保干部：</View>
        {business.cadre ? (
          <View>
            <Text className='cadre-name'>{business.cadre.name}</Text>
            <Text className='tag'>{CADRE_TIER_LABELS[business.cadre.tier]}包保干部</Text>
            <View className='muted'>{business.cadre.title}</View>
          </View>
        ) : (
          <View className='muted'>该经营主体暂未确定包保干部</View>
        )}
      </View>
      <PublicPageLink businessId={business.id} />
      <Button className='btn-plain change-business' size='mini' {...pressable(onChange)}>
        重新选择经营主体
      </Button>
    </View>
  );
}

function FreePlaceForm(props: Props & { place: FreePlace }) {
  const { place, onFreePlace, respondentRequired } = props;
  const need = respondentRequired ? '（投诉必填）' : '（选填）';
  const [areas, setAreas] = useState<AreasTree | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = () => {
    setLoadError(null);
    fetchAreas()
      .then(setAreas)
      .catch((error: unknown) => {
        setLoadError(errorMessage(error));
        showError(error);
      });
  };
  useEffect(load, []);

  const change = (patch: Partial<FreePlace>) => onFreePlace({ ...place, ...patch });
  const streets: Streets = areas?.offices.flatMap((office) => office.streets) ?? [];
  const street = streets.find((s) => s.id === place.streetId);
  const office = areas?.offices.find((o) => o.streets.some((s) => s.id === place.streetId));

  return (
    <View className='free-place'>
      <View className='muted'>请尽量写清店名或摊位特征、详细地址，并选择所在街道，以便监管所找到现场。</View>
      <View className='field-label'>经营者名称或招牌{need}</View>
      <Input
        className='field free-name'
        value={place.businessName}
        maxlength={100}
        placeholder={`经营者名称或招牌${need}`}
        nativeProps={{ 'aria-label': '经营者名称或招牌' }}
        onInput={(event) => change({ businessName: event.detail.value })}
      />
      {props.businessNameError && <View className='field-error'>{props.businessNameError}</View>}
      <View className='field-label'>地址{need}</View>
      <Input
        className='field free-address'
        value={place.businessAddress}
        maxlength={200}
        placeholder={`详细地址或位置描述${need}`}
        nativeProps={{ 'aria-label': '经营者地址或位置描述' }}
        onInput={(event) => change({ businessAddress: event.detail.value })}
      />
      {props.businessAddressError && <View className='field-error'>{props.businessAddressError}</View>}
      {props.location && (
        <View className='location'>
          <Text className='muted'>
            已使用照片拍摄位置（北纬 {props.location.lat.toFixed(5)}，东经 {props.location.lng.toFixed(5)}）
          </Text>
          <Text className='link' {...pressable(props.onDropLocation, '不使用照片拍摄位置')}>
            不使用
          </Text>
        </View>
      )}

      <View className='field-label'>所在街道（必选）</View>
      {areas === null && loadError === null && <View className='hint'>正在加载街道…</View>}
      <LoadError message={loadError} onRetry={load} />
      <View className='chips street-chips'>
        {streets.map((s) => (
          <Text
            key={s.id}
            className={`chip${s.id === place.streetId ? ' chip-selected' : ''}`}
            {...selectable(s.id === place.streetId, () => change({ streetId: s.id, communityId: null }))}
          >
            {s.name}
          </Text>
        ))}
      </View>
      {street && street.communities.length > 0 && (
        <View>
          <View className='field-label'>所在社区（选填）</View>
          <View className='chips community-chips'>
            {street.communities.map((c) => (
              <Text
                key={c.id}
                className={`chip${c.id === place.communityId ? ' chip-selected' : ''}`}
                {...selectable(c.id === place.communityId, () => change({ communityId: c.id === place.communityId ? null : c.id }))}
              >
                {c.name}
              </Text>
            ))}
          </View>
        </View>
      )}
      {office && <View className='hint'>将由{office.name}受理</View>}
      <Text className='link back-to-search' {...pressable(() => onFreePlace(null))}>
        返回搜索经营主体
      </Text>
    </View>
  );
}
