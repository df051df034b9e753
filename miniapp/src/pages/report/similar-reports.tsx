import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATUS_LABELS,
  type PhotoLocation,
  type SimilarComplaint,
} from '@sa/contracts';
import { fetchSimilarComplaints, supportComplaint } from '../../api';
import { formatDate } from '../../components/format';
import { pressable, pressableAs } from '../../components/pressable';
import { notify } from '../../components/notify';
import { showError } from '../../components/show-error';

const SHOWN_FIRST = 3;

type Props = { entityId: number | null; location: PhotoLocation | null; signedIn: boolean };

/**
 * Open reports about the same business (or within 200 m of the photo): the user can add 附议 to one of them
 * instead of filing the same problem again.
 */
export function SimilarReports({ entityId, location, signedIn }: Props) {
  const [items, setItems] = useState<SimilarComplaint[]>([]);
  const [supported, setSupported] = useState<Set<number>>(new Set());
  const [busyId, setBusyId] = useState<number | null>(null);
  const [showAll, setShowAll] = useState(false);
  const lat = location?.lat;
  const lng = location?.lng;

  useEffect(() => {
    setItems([]);
    setShowAll(false);
    const near = entityId !== null ? { entityId } : lat !== undefined && lng !== undefined ? { lat, lng } : null;
    if (near === null) return;
    let current = true;
    fetchSimilarComplaints(near)
      .then((found) => current && setItems(found))
      // Only a suggestion: if it cannot be fetched the user simply files the report.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [entityId, lat, lng]);

  if (items.length === 0) return null;

  const support = async (item: SimilarComplaint) => {
    if (busyId !== null) return;
    setBusyId(item.id);
    try {
      const { supportCount } = await supportComplaint(item.id);
      setItems((list) => list.map((x) => (x.id === item.id ? { ...x, supportCount } : x)));
      setSupported((ids) => new Set(ids).add(item.id));
      notify('已附议', 'success');
    } catch (error) {
      showError(error);
    } finally {
      setBusyId(null);
    }
  };

  const where = entityId !== null ? '这家经营主体' : '附近的问题';
  const onlyMine = items.every((item) => item.mine);

  return (
    <View className='card similar'>
      <View className='card-title'>{onlyMine ? `您已反映过${where}` : `已有人反映过${where}`}</View>
      <View className='muted'>
        {onlyMine
          ? '您提交的问题仍在办理中，可查看办理进度；如果是新的问题，请继续填写。'
          : '如果是同一个问题，点“我也遇到了”附议即可，监管所会一并处理，不必重复提交；如果是不同的问题，请继续填写。'}
      </View>
      {(showAll ? items : items.slice(0, SHOWN_FIRST)).map((item) => (
        <View className='list-item similar-item' key={item.id}>
          <View className='similar-title'>
            {COMPLAINT_CATEGORIES[item.category].label} · {COMPLAINT_KIND_LABELS[item.kind]}
            <Text className='tag similar-status'>{COMPLAINT_STATUS_LABELS[item.status]}</Text>
            {item.mine && <Text className='tag tag-mine'>您已反映过</Text>}
          </View>
          {item.businessName && <View className='muted'>{item.businessName}</View>}
          <View className='muted'>
            {formatDate(item.receivedAt)} 提交 · {item.supportCount} 人附议
            {item.distanceMetres !== null && ` · 约 ${Math.round(item.distanceMetres)} 米`}
          </View>
          {item.mine ? (
            <Text
              className='link open-mine'
              {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/complaint/index?id=${item.id}` }), `查看您反映的问题 ${item.trackingNo} 的办理进度`)}
            >
              查看办理进度（{item.trackingNo}）
            </Text>
          ) : supported.has(item.id) || item.supportedByMe ? (
            <View className='supported'>您已附议</View>
          ) : signedIn ? (
            <Button className='btn-plain me-too' size='mini' loading={busyId === item.id} {...pressable(() => void support(item))}>
              我也遇到了（附议）
            </Button>
          ) : (
            <View className='muted'>
              <Text className='link' {...pressable(() => void Taro.switchTab({ url: '/pages/mine/index' }))}>
                登录
              </Text>
              后可以附议
            </View>
          )}
        </View>
      ))}
      {!showAll && items.length > SHOWN_FIRST && (
        <Text className='link show-all' {...pressable(() => setShowAll(true))}>
          查看全部 {items.length} 条
        </Text>
      )}
    </View>
  );
}
