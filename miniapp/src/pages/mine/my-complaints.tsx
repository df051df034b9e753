import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COMPLAINT_CATEGORIES, COMPLAINT_KIND_LABELS, type MyComplaintItem } from '@sa/contracts';
import { fetchMyComplaints } from '../../api';
import { formatDate, formatDateTime } from '../../components/format';
import { pressable } from '../../components/pressable';
import { errorMessage, showError } from '../../components/show-error';
import { useLoadOnShow } from '../../hooks/use-load-on-show';
import './my-complaints.css';

const PAGE_SIZE = 10;

type Loaded = { items: MyComplaintItem[]; total: number };

export const openComplaint = (id: number) => Taro.navigateTo({ url: `/pages/complaint/index?id=${id}` });

/** 我的投诉举报: what the user has reported, and what they added 附议 to, newest first; their own open their progress. */
export function MyComplaints() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (offset: number) => {
    setBusy(true);
    setLoadError(null);
    try {
      const page = await fetchMyComplaints({ limit: PAGE_SIZE, offset });
      setLoaded((before) => ({ items: offset === 0 ? page.items : [...(before?.items ?? []), ...page.items], total: page.total }));
    } catch (error) {
      setLoadError(errorMessage(error));
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  useLoadOnShow(() => void load(0));

  return (
    <View className='card my-complaints'>
      <View className='card-title'>我的投诉举报{loaded && loaded.total > 0 ? `（${loaded.total}）` : ''}</View>
      {loaded === null && loadError === null && <View className='hint'>正在加载…</View>}
      {loadError !== null && (
        <View>
          <View className='hint'>{loadError}</View>
          <Button className='btn-plain' size='mini' {...pressable(() => load(0))}>
            重新加载
          </Button>
        </View>
      )}
      {loaded?.total === 0 && (
        <View className='hint'>
          还没有提交过投诉举报。发现问题可以
          <Text className='link' {...pressable(() => void Taro.switchTab({ url: '/pages/report/index' }))}>
            随手拍
          </Text>
          。
        </View>
      )}
      {loaded?.items.map((item) =>
        item.relation === 'SUPPORTED' ? (
          // Someone else's report: its progress is theirs to open; the supporter sees where it stands.
          <View className='list-item complaint-item supported-item' key={item.id}>
            <View className='item-head'>
              <Text className='item-title'>
                {COMPLAINT_KIND_LABELS[item.kind]} · {COMPLAINT_CATEGORIES[item.category].label}
              </Text>
              <Text className='tag tag-supported'>我附议的</Text>
              <Text className='tag'>{item.statusLabel}</Text>
            </View>
            {item.businessName && <View className='detail-row'>{item.businessName}</View>}
            <View className='muted'>
              {item.trackingNo} · {formatDate(item.supportedAt)} 附议 · 共 {item.supportCount} 人附议
            </View>
          </View>
        ) : (
          <View
            className='list-item complaint-item'
            key={item.id}
            {...pressable(() => void openComplaint(item.id))}
          >
            <View className='item-head'>
              <Text className='item-title'>
                {COMPLAINT_KIND_LABELS[item.kind]} · {COMPLAINT_CATEGORIES[item.category].label}
              </Text>
              <Text className='tag'>{item.statusLabel}</Text>
            </View>
            {item.businessName && <View className='detail-row'>{item.businessName}</View>}
            <View className='muted'>
              {item.trackingNo} · {formatDateTime(item.receivedAt)}
              {item.canReopen && ' · 可重新打开'}
            </View>
          </View>
        ),
      )}
      {loaded && loaded.items.length < loaded.total && (
        <Button className='btn-plain more' size='mini' loading={busy} {...pressable(() => load(loaded.items.length))}>
          加载更多
        </Button>
      )}
    </View>
  );
}
