import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import {
  RECTIFICATION_STATE_LABELS,
  RECTIFICATION_STATES,
  type RectificationList,
  type RectificationState,
  type RectificationView,
} from '@sa/contracts';
import { RECTIFICATIONS_PAGE_SIZE, fetchRectifications } from '../../api/ratings';
import { formatDate, formatDueDate } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs, selectable } from '../../components/pressable';
import { errorMessage } from '../../components/show-error';
import { WbStaffGate } from '../../components/wb-staff-gate';
import { PROVISIONAL_NOTE, deadlineUrgency } from './deadline-text';
import './index.css';
import './ratings.css';
import './rectifications.css';

const URL = '/pages/workbench/rectifications';

/** Working days left on an open task; overdue ones are negative. Done or unknown ones sort last. */
const daysLeft = (r: RectificationView) => (r.state === 'OPEN' && r.deadline.state === 'OPEN' ? (r.deadline.workingDaysLeft ?? Infinity) : Infinity);

/**
 * The queue as staff work it: overdue first (longest overdue at the top), then the fewest working days left, then
 * the oldest. The server orders the same way; sorting the page again keeps the rule whatever order a page arrives in.
 */
export function queueOrder(items: readonly RectificationView[]): RectificationView[] {
  return [...items].sort((a, b) => {
    const overdue = Number(b.deadline.overdue) - Number(a.deadline.overdue);
    if (overdue !== 0) return overdue;
    const left = daysLeft(a) - daysLeft(b);
    if (left !== 0 && !Number.isNaN(left)) return left;
    return a.openedAt.localeCompare(b.openedAt);
  });
}

export const openRectification = (id: number) => void Taro.navigateTo({ url: `/pages/workbench/rectification?id=${id}` });

function Row({ item }: { item: RectificationView }) {
  const due = item.state === 'OPEN' ? deadlineUrgency(item.deadline) : null;
  const calls = item.callbacks.length;
  const reached = item.callbacks.some((c) => c.reached);
  return (
    <View
      className={`card wb-rect-row wb-rect-${item.state}${due?.tone === 'overdue' ? ' wb-row-overdue' : due?.tone === 'soon' ? ' wb-row-soon' : ''}`}
      role='article'
      aria-label={`差评整改 ${item.trackingNo}`}
    >
      <View className='wb-row-head'>
        <View className='link wb-rect-open' {...pressableAs('link', () => openRectification(item.id), `处理差评整改 ${item.trackingNo}`)}>
          {item.trackingNo} ›
        </View>
        <Text className='tag wb-rect-level'>{item.rating.levelLabel}</Text>
        <Text className='tag'>{RECTIFICATION_STATE_LABELS[item.state]}</Text>
      </View>
      {due && (
        <View className={`wb-due wb-due-${due.tone}`}>
          {due.text} · 整改期限 {formatDueDate(item.deadline.dueDate)}
          {item.deadline.provisional && <Text className='wb-provisional'>{PROVISIONAL_NOTE}</Text>}
          {item.deadline.escalatedAt ? ' · 已督办' : ''}
        </View>
      )}
      <View className='detail-row'>
        {item.business?.name ?? '未登记经营主体'} · {item.office?.name ?? '未分派'}
      </View>
      {(item.rating.tags.length > 0 || item.rating.comment) && (
        <View className='detail-row wb-rect-said'>
          {[item.rating.tags.join('、'), item.rating.comment].filter(Boolean).join('：')}
        </View>
      )}
      <View className='muted wb-rect-calls'>
        {formatDate(item.openedAt)} 差评 · {calls === 0 ? '尚未回访' : `已回访 ${calls} 次${reached ? '（已接通）' : '（均未接通）'}`}
      </View>
      {item.state === 'DONE' && (
        <View className='detail-row wb-rect-done'>
          {item.completedAt ? `${formatDate(item.completedAt)} ` : ''}整改完成{item.completedByName ? `（${item.completedByName}）` : ''}
          {item.secondRating ? ` · 再次评价：${item.secondRating.levelLabel}` : ' · 尚未再次评价'}
        </View>
      )}
    </View>
  );
}

function Rectifications() {
  const [state, setState] = useState<RectificationState>('OPEN');
  const [page, setPage] = useState(0);
  const [list, setList] = useState<RectificationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = async () => {
    const ticket = ++latest.current;
    setError(null);
    try {
      const next = await fetchRectifications(state, page);
      if (ticket === latest.current) setList(next);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    }
  };
  useEffect(() => void load(), [state, page]);
  // Back from a task's detail: its callback or completion may have moved it. (The first show is the load above.)
  const reload = useRef(load);
  reload.current = load;
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload.current();
    shown.current = true;
  });

  const pages = list ? Math.max(1, Math.ceil(list.total / RECTIFICATIONS_PAGE_SIZE)) : 1;
  const items = list ? (state === 'OPEN' ? queueOrder(list.items) : list.items) : [];

  return (
    <View className='wb-rectifications'>
      <View className='card'>
        <View className='card-title' role='heading' aria-level={1}>
          差评整改
        </View>
        <View className='hint'>每条差评须在期限内（默认 5 个工作日）回访反映人并完成整改，超期将提级督办。整改完成后，反映人可再评价一次。</View>
        <View className='chips' role='group' aria-label='整改状态'>
          {RECTIFICATION_STATES.map((s) => (
            <View
              key={s}
              className={`chip wb-chip wb-rect-tab-${s}${state === s ? ' chip-selected' : ''}`}
              {...selectable(state === s, () => {
                setState(s);
                setPage(0);
              })}
            >
              {RECTIFICATION_STATE_LABELS[s]} {list?.counts[s] ?? ''}
            </View>
          ))}
        </View>
      </View>
      <LoadError message={error} onRetry={() => void load()} />
      {!list && !error && <View className='hint'>加载中…</View>}
      {list && items.length === 0 && <View className='card hint wb-rect-empty'>{state === 'OPEN' ? '没有待整改的差评。' : '暂无已整改的差评。'}</View>}
      {items.map((item) => (
        <Row key={`${item.id}-${item.state}`} item={item} />
      ))}
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

/** 差评整改: the 差评 queue of the office (the admin: all; a cadre: their businesses, read-only). */
export default function RectificationsPage() {
  return (
    <WbStaffGate current={URL} roles={['OFFICE_STAFF', 'CADRE', 'ADMIN']}>
      {() => <Rectifications />}
    </WbStaffGate>
  );
}
