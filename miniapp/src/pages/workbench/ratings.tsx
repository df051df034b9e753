import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  COMPLAINT_KIND_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  RATING_LEVEL_LABELS,
  RATING_LEVELS,
  isoDate,
  type StaffRating,
  type StaffRatingList,
} from '@sa/contracts';
import { RATINGS_PAGE_SIZE, fetchWorkbenchRatings, type RatingFilters } from '../../api/ratings';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs, selectable } from '../../components/pressable';
import { RatingSummary } from '../../components/rating-summary';
import { errorMessage } from '../../components/show-error';
import { WbDate, WbSelect } from '../../components/wb-field';
import { WbStaffGate } from '../../components/wb-staff-gate';
import './index.css';
import './ratings.css';

const URL = '/pages/workbench/ratings';

const roundOptions = [
  { value: '1', label: '首次评价' },
  { value: '2', label: '整改后再次评价' },
];

/** Why the chosen dates cannot be asked for, or null. */
export function dateRangeProblem(from: string, to: string): string | null {
  if (from && !isoDate.safeParse(from).success) return '开始日期格式无效';
  if (to && !isoDate.safeParse(to).success) return '结束日期格式无效';
  if (from && to && from > to) return '开始日期不能晚于结束日期';
  return null;
}

function Row({ item }: { item: StaffRating }) {
  return (
    <View className={`card wb-rating-row${item.level <= 2 ? ' wb-rating-poor' : ''}`} role='article' aria-label={`${item.trackingNo} 的评价`}>
      <View className='wb-row-head'>
        <View
          className='link wb-rating-case'
          {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/workbench/index?id=${item.complaintId}` }), `查看投诉举报 ${item.trackingNo}`)}
        >
          {item.trackingNo} ›
        </View>
        <Text className='tag'>{COMPLAINT_KIND_LABELS[item.kind]}</Text>
        {item.byVolunteer && <Text className='tag wb-tag-volunteer'>社会监督员</Text>}
      </View>
      <View className='detail-row'>
        {item.business?.name ?? '未登记经营主体'} · {item.office?.name ?? '未分派'}
        {item.outcome ? ` · 办理结果：${COMPLAINT_OUTCOME_LABELS[item.outcome]}` : ''}
      </View>
      <RatingSummary rating={item} />
      {item.rectificationId !== null && (
        <View
          className='link wb-rating-rectification'
          {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/workbench/rectification?id=${item.rectificationId}` }), `查看差评整改 ${item.trackingNo}`)}
        >
          查看差评整改 ›
        </View>
      )}
    </View>
  );
}

function Ratings() {
  const [filters, setFilters] = useState<RatingFilters>({});
  const [page, setPage] = useState(0);
  const [list, setList] = useState<StaffRatingList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = async () => {
    const ticket = ++latest.current;
    setError(null);
    try {
      const next = await fetchWorkbenchRatings(filters, page);
      if (ticket === latest.current) setList(next);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    }
  };
  useEffect(() => void load(), [filters, page]);

  const change = (next: RatingFilters) => {
    setFilters(next);
    setPage(0);
  };
  const applyDates = () => {
    const problem = dateRangeProblem(from, to);
    setDateError(problem);
    if (!problem) change({ ...filters, from: from || undefined, to: to || undefined });
  };
  const total = list ? RATING_LEVELS.reduce((sum, l) => sum + (list.counts[l] ?? 0), 0) : 0;
  const poor = list ? (list.counts[1] ?? 0) + (list.counts[2] ?? 0) : 0;
  const pages = list ? Math.max(1, Math.ceil(list.total / RATINGS_PAGE_SIZE)) : 1;

  return (
    <View className='wb-ratings'>
      <View className='card'>
        <View className='card-title' role='heading' aria-level={1}>
          好差评
        </View>
        <View className='hint'>办结后反映人给出的评价（不显示评价人身份）。差评（不满意、非常不满意）自动转承办监管所整改并回访。</View>
        {list && (
          <View className='wb-rating-counts' role='group' aria-label='按评价等级筛选'>
            {RATING_LEVELS.map((l) => (
              <View
                key={l}
                className={`chip wb-chip wb-rating-count wb-rating-count-${l}${filters.level === l ? ' chip-selected' : ''}`}
                {...selectable(filters.level === l, () => change({ ...filters, level: filters.level === l ? undefined : l, poorOnly: undefined }))}
              >
                {RATING_LEVEL_LABELS[l]} {list.counts[l] ?? 0}
              </View>
            ))}
          </View>
        )}
        {list && (
          <View className='muted wb-rating-total'>
            共 {total} 条评价，其中差评 {poor} 条{total > 0 ? `（${Math.round((poor / total) * 1000) / 10}%）` : ''}
          </View>
        )}
        <View className='chips' role='group' aria-label='筛选'>
          <View
            className={`chip wb-chip wb-rating-poor-only${filters.poorOnly ? ' chip-selected' : ''}`}
            {...selectable(filters.poorOnly === true, () => change({ ...filters, poorOnly: filters.poorOnly ? undefined : true, level: undefined }))}
          >
            仅差评
          </View>
        </View>
        <WbSelect
          label='评价轮次'
          className='wb-rating-round'
          value={filters.round ? String(filters.round) : ''}
          anyLabel='全部'
          options={roundOptions}
          onChange={(v) => change({ ...filters, round: v ? Number(v) : undefined })}
        />
        <View className='wb-rating-dates'>
          <WbDate label='评价日期自' className='wb-rating-from' value={from} onChange={setFrom} />
          <WbDate label='至' className='wb-rating-to' value={to} onChange={setTo} error={dateError ?? undefined} />
          <Button className='btn-primary wb-rating-dates-go' size='mini' {...pressable(applyDates)}>
            按日期筛选
          </Button>
        </View>
      </View>
      <LoadError message={error} onRetry={() => void load()} />
      {!list && !error && <View className='hint'>加载中…</View>}
      {list && list.items.length === 0 && <View className='card hint wb-rating-empty'>没有符合条件的评价。</View>}
      {list?.items.map((item) => <Row key={item.id} item={item} />)}
      {list && list.total > 0 && (
        <View className='wb-pager'>
          <Button className='btn-plain wb-prev' size='mini' disabled={page === 0 || undefined} {...pressable(() => page > 0 && setPage(page - 1))}>
            上一页
          </Button>
          <Text className='wb-page-no'>
            第 {page + 1}/{pages} 页（共 {list.total} 条）
          </Text>
          <Button className='btn-plain wb-next' size='mini' disabled={page + 1 >= pages || undefined} {...pressable(() => page + 1 < pages && setPage(page + 1))}>
            下一页
          </Button>
        </View>
      )}
    </View>
  );
}

/** 好差评: every rating in the viewer's scope, with counts per level and filters. */
export default function RatingsPage() {
  return (
    <WbStaffGate current={URL} roles={['OFFICE_STAFF', 'CADRE', 'ADMIN']}>
      {() => <Ratings />}
    </WbStaffGate>
  );
}
