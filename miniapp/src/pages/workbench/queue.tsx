import { useState } from 'react';
import { ContentFlagBadge } from '../../components/content-flag-badge';
import { Button, Text, View } from '@tarojs/components';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_CODES,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_KINDS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
  type CadreListItem,
  type WorkbenchQueue,
  type WorkbenchQueueItem,
} from '@sa/contracts';
import { QUEUE_PAGE_SIZE, type QueueFilters } from '../../api';
import { formatDate } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { WbDate, WbInput, WbSelect } from '../../components/wb-field';
import { pressable } from '../../components/pressable';
import { PROVISIONAL_NOTE, urgency } from './deadline-text';

type Props = {
  queue: WorkbenchQueue | null;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  filters: QueueFilters;
  onFilters: (filters: QueueFilters) => void;
  page: number;
  onPage: (page: number) => void;
  streets: { id: number; name: string }[];
  /** staff and admin filter by cadre; a cadre's queue is theirs already */
  cadres: CadreListItem[] | null;
  selectedId: number | null;
  onOpen: (id: number) => void;
};

const statusOptions = COMPLAINT_STATUSES.map((s) => ({ value: s, label: COMPLAINT_STATUS_LABELS[s] }));
const kindOptions = COMPLAINT_KINDS.map((k) => ({ value: k, label: COMPLAINT_KIND_LABELS[k] }));
const categoryOptions = COMPLAINT_CATEGORY_CODES.map((c) => ({ value: c, label: COMPLAINT_CATEGORIES[c].label }));

function Chip({ label, on, onPress, className }: { label: string; on: boolean; onPress: () => void; className: string }) {
  return (
    <View className={`chip wb-chip ${className}${on ? ' chip-selected' : ''}`} {...pressable(onPress)} aria-pressed={on ? 'true' : 'false'}>
      {label}
    </View>
  );
}

function Row({ item, selected, onOpen }: { item: WorkbenchQueueItem; selected: boolean; onOpen: () => void }) {
  const due = urgency(item.nextDeadline, item);
  return (
    <View
      className={`wb-row${item.overdue ? ' wb-row-overdue' : item.dueSoon ? ' wb-row-soon' : ''}${selected ? ' wb-row-selected' : ''}`}
      {...pressable(onOpen)}
      aria-current={selected ? 'true' : undefined}
    >
      <View className='wb-row-head'>
        <Text className='wb-tracking'>{item.trackingNo}</Text>
        <Text className='tag'>{COMPLAINT_KIND_LABELS[item.kind]}</Text>
        {item.byVolunteer && <Text className='tag wb-tag-volunteer'>社会监督员</Text>}
        <ContentFlagBadge flag={item.contentFlag} />
        <Text className='wb-status'>{item.statusLabel}</Text>
      </View>
      <View className='detail-row'>
        {COMPLAINT_CATEGORIES[item.category].label} · {item.businessName ?? '未登记经营主体'}
        {item.streetName ? ` · ${item.streetName}` : ''}
      </View>
      <View className='muted'>
        {formatDate(item.receivedAt)} 收到{item.cadre ? ` · 包保干部 ${item.cadre.name}` : ''}
        {item.supportCount > 0 ? ` · 附议 ${item.supportCount} 人` : ''}
      </View>
      {due && (
        <View className={`wb-due wb-due-${due.tone}`}>
          {due.text}
          {item.nextDeadline?.provisional && <Text className='wb-provisional'>{PROVISIONAL_NOTE}</Text>}
        </View>
      )}
    </View>
  );
}

/** The queue: counts that filter, the filters, the rows (overdue first, as the server orders them) and the pages. */
export function QueuePanel({ queue, loading, error, onRetry, filters, onFilters, page, onPage, streets, cadres, selectedId, onOpen }: Props) {
  const [trackingNo, setTrackingNo] = useState(filters.trackingNo ?? '');
  const [showFilters, setShowFilters] = useState(false);
  const set = (change: Partial<QueueFilters>) => onFilters({ ...filters, ...change });
  const pages = Math.max(1, Math.ceil((queue?.total ?? 0) / QUEUE_PAGE_SIZE));
  const byStatus = queue?.counts.byStatus ?? {};
  const counted = COMPLAINT_STATUSES.filter((s) => (byStatus[s] ?? 0) > 0 || filters.status === s);

  return (
    <View className='wb-queue'>
      <View className='card'>
        <View className='card-title'>投诉举报</View>
        {queue && (
          <View className='chips wb-counts' role='group' aria-label='按状态筛选'>
            <Chip className='wb-count-all' label='全部' on={!filters.status && !filters.overdue} onPress={() => set({ status: undefined, overdue: undefined })} />
            <Chip
              className='wb-count-overdue'
              label={`超期 ${queue.counts.overdue}`}
              on={!!filters.overdue}
              onPress={() => set({ overdue: filters.overdue ? undefined : true })}
            />
            <View className='chip wb-chip wb-count-soon'>即将到期 {queue.counts.dueSoon}</View>
            {counted.map((s) => (
              <Chip
                key={s}
                className={`wb-count-${s}`}
                label={`${COMPLAINT_STATUS_LABELS[s]} ${byStatus[s] ?? 0}`}
                on={filters.status === s}
                onPress={() => set({ status: filters.status === s ? undefined : s })}
              />
            ))}
          </View>
        )}
        <View className='wb-search'>
          <WbInput
            label='按受理编号查找'
            className='wb-tracking-search'
            value={trackingNo}
            maxlength={20}
            placeholder='受理编号，或其中几位数字'
            onChange={setTrackingNo}
            onConfirm={() => set({ trackingNo: trackingNo.trim() || undefined })}
          />
          <Button className='btn-primary wb-search-go' size='mini' {...pressable(() => set({ trackingNo: trackingNo.trim() || undefined }))}>
            查找
          </Button>
        </View>
        <Button className='btn-plain wb-toggle-filters' size='mini' aria-expanded={showFilters ? 'true' : 'false'} {...pressable(() => setShowFilters(!showFilters))}>
          {showFilters ? '收起筛选' : '更多筛选'}
        </Button>
        {showFilters && (
          <View className='wb-filters'>
            <WbSelect label='状态' className='wb-filter-status' value={filters.status ?? ''} anyLabel='全部状态' options={statusOptions} onChange={(v) => set({ status: v || undefined })} />
            <WbSelect label='类型' className='wb-filter-kind' value={filters.kind ?? ''} anyLabel='投诉和举报' options={kindOptions} onChange={(v) => set({ kind: v || undefined })} />
            <WbSelect label='问题类别' className='wb-filter-category' value={filters.category ?? ''} anyLabel='全部类别' options={categoryOptions} onChange={(v) => set({ category: v || undefined })} />
            <WbSelect
              label='街道'
              className='wb-filter-street'
              value={filters.streetId ? String(filters.streetId) : ''}
              anyLabel='全部街道'
              options={streets.map((s) => ({ value: String(s.id), label: s.name }))}
              onChange={(v) => set({ streetId: v ? Number(v) : undefined })}
            />
            {cadres && (
              <WbSelect
                label='包保干部'
                className='wb-filter-cadre'
                value={filters.cadreId ? String(filters.cadreId) : ''}
                anyLabel='全部干部'
                options={cadres.map((c) => ({ value: String(c.id), label: `${c.name}（${c.title}）` }))}
                onChange={(v) => set({ cadreId: v ? Number(v) : undefined })}
              />
            )}
            <WbDate label='收到日期：从' className='wb-filter-from' value={filters.receivedFrom ?? ''} onChange={(v) => set({ receivedFrom: v || undefined })} />
            <WbDate label='收到日期：到' className='wb-filter-to' value={filters.receivedTo ?? ''} onChange={(v) => set({ receivedTo: v || undefined })} />
            <View
              className={`wb-choice wb-filter-volunteer${filters.volunteerOnly ? ' wb-choice-on' : ''}`}
              {...pressable(() => set({ volunteerOnly: filters.volunteerOnly ? undefined : true }))}
              role='checkbox'
              aria-checked={filters.volunteerOnly ? 'true' : 'false'}
            >
              <Text className='wb-choice-mark' aria-hidden='true'>{filters.volunteerOnly ? '☑' : '☐'}</Text>
              <Text>仅看社会监督员反映</Text>
            </View>
            <Button
              className='btn-plain wb-clear-filters'
              size='mini'
              {...pressable(() => {
                setTrackingNo('');
                onFilters({});
              })}
            >
              清除筛选
            </Button>
          </View>
        )}
      </View>

      <View className='card wb-rows'>
        <LoadError message={error} onRetry={onRetry} />
        {loading && !queue && <View className='hint'>加载中…</View>}
        {queue && queue.items.length === 0 && <View className='hint'>没有符合条件的投诉举报。</View>}
        {queue?.items.map((item) => (
          <Row key={item.id} item={item} selected={item.id === selectedId} onOpen={() => onOpen(item.id)} />
        ))}
        {queue && queue.total > 0 && (
          <View className='wb-pager'>
            <Button className='btn-plain wb-prev' size='mini' disabled={page === 0} {...pressable(() => page > 0 && onPage(page - 1))}>
              上一页
            </Button>
            <Text className='wb-page-no'>
              第 {page + 1}/{pages} 页（共 {queue.total} 件）
            </Text>
            <Button className='btn-plain wb-next' size='mini' disabled={page + 1 >= pages} {...pressable(() => page + 1 < pages && onPage(page + 1))}>
              下一页
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}
