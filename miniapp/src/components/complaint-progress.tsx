import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  DEADLINE_KIND_LABELS,
  type ComplaintPublicView,
} from '@sa/contracts';
import { DEADLINE_STATE_LABELS } from '../api/labels';
import { formatDateTime, formatDueDate } from './format';
import { PROVISIONAL_EXPLANATION, PROVISIONAL_MARK } from './provisional';
import { pressable } from './pressable';
import { errorMessage } from './show-error';
import './complaint-progress.css';

/** A photo of the complaint as a local path to show: the reporter's photos are not public, so each is fetched. */
export type PhotoLoader = (uploadId: string) => Promise<string>;

type Props = { complaint: ComplaintPublicView; loadPhoto: PhotoLoader };

/** What a reporter may see of one complaint: what they reported, status, deadlines, the reply and the history. */
export function ComplaintProgress({ complaint, loadPhoto }: Props) {
  const category = COMPLAINT_CATEGORIES[complaint.category];
  // Newest first: the reporter comes back to see what happened last.
  const timeline = [...complaint.timeline].reverse();
  return (
    <View className='progress'>
      <View className='card'>
        <View className='progress-head'>
          <Text className='progress-no'>{complaint.trackingNo}</Text>
          <Text className='status-tag'>{complaint.statusLabel}</Text>
        </View>
        <View className='detail-row'>
          {COMPLAINT_KIND_LABELS[complaint.kind]} · {category.label}
        </View>
        <Place place={complaint.place} />
        <View className='detail-row'>提交时间：{formatDateTime(complaint.receivedAt)}</View>
        {complaint.office ? (
          <View className='detail-row'>
            承办单位：{complaint.office.name}
            <Text
              className='office-phone'
              {...pressable(() => void Taro.makePhoneCall({ phoneNumber: complaint.office!.phone }), `拨打${complaint.office.name}电话 ${complaint.office.phone}`)}
            >
              {complaint.office.phone}
            </Text>
          </View>
        ) : (
          <View className='detail-row'>承办单位：待分派</View>
        )}
        {complaint.outcome && <View className='detail-row'>办理结果：{COMPLAINT_OUTCOME_LABELS[complaint.outcome]}</View>}
        {complaint.supportCount > 0 && <View className='detail-row'>已有 {complaint.supportCount} 人附议</View>}
      </View>

      <View className='card reported'>
        <View className='card-title'>您反映的问题</View>
        <View className='reported-description'>{complaint.description}</View>
        {complaint.photoIds.length > 0 && <Photos photoIds={complaint.photoIds} loadPhoto={loadPhoto} />}
      </View>

      <View className='card'>
        <View className='card-title'>办理答复</View>
        {complaint.reply ? <View className='reply'>{complaint.reply}</View> : <View className='hint'>监管所尚未答复</View>}
      </View>

      {complaint.deadlines.length > 0 && (
        <View className='card'>
          <View className='card-title'>法定办理期限</View>
          {complaint.deadlines.map((deadline) => (
            <View className='deadline' key={deadline.kind}>
              <Text className='deadline-due'>
                {DEADLINE_KIND_LABELS[deadline.kind]}：{formatDueDate(deadline.dueDate)}
                {deadline.provisional && PROVISIONAL_MARK}
              </Text>
              <Text className={`deadline-state deadline-${deadline.state.toLowerCase()}`}>{DEADLINE_STATE_LABELS[deadline.state]}</Text>
            </View>
          ))}
          <View className='muted'>期限按法定工作日计算，节假日顺延。</View>
          {complaint.deadlines.some((deadline) => deadline.provisional) && (
            <View className='muted provisional-note'>{PROVISIONAL_EXPLANATION}</View>
          )}
        </View>
      )}

      <View className='card'>
        <View className='card-title'>办理过程</View>
        {timeline.map((step, index) => (
          <View className={`timeline-step${index === 0 ? ' timeline-latest' : ''}`} key={`${step.at}-${index}`}>
            <View className='timeline-status'>{step.statusLabel}</View>
            <View className='muted'>{formatDateTime(step.at)}</View>
            {step.note && <View className='timeline-note'>{step.note}</View>}
          </View>
        ))}
      </View>
    </View>
  );
}

function Place({ place }: { place: ComplaintPublicView['place'] }) {
  const area = [place.streetName, place.communityName].filter(Boolean).join(' ');
  return (
    <View className='place'>
      {place.businessName && <View className='detail-row'>经营主体：{place.businessName}</View>}
      {place.address && <View className='detail-row'>地址：{place.address}</View>}
      {area && <View className='detail-row'>所在地：{area}</View>}
    </View>
  );
}

type Shown = { status: 'loading' } | { status: 'shown'; src: string } | { status: 'failed'; message: string };

/** The reporter's photos as thumbnails; a tap (or Enter) opens them full size. */
function Photos({ photoIds, loadPhoto }: { photoIds: string[]; loadPhoto: PhotoLoader }) {
  const [shown, setShown] = useState<Record<string, Shown>>({});

  useEffect(() => {
    let current = true;
    setShown(Object.fromEntries(photoIds.map((id) => [id, { status: 'loading' }])));
    // One at a time: a reporter's phone on a weak link should get the first photo quickly.
    void (async () => {
      for (const id of photoIds) {
        const next: Shown = await loadPhoto(id).then(
          (src): Shown => ({ status: 'shown', src }),
          (error: unknown): Shown => ({ status: 'failed', message: errorMessage(error) }),
        );
        if (!current) return;
        setShown((before) => ({ ...before, [id]: next }));
      }
    })();
    return () => {
      current = false;
    };
  }, [photoIds.join(','), loadPhoto]);

  const sources = photoIds.flatMap((id) => {
    const photo = shown[id];
    return photo?.status === 'shown' ? [photo.src] : [];
  });
  const open = (src: string) => void Taro.previewImage({ current: src, urls: sources });

  return (
    <View className='progress-photos'>
      <View className='progress-photos-label'>现场照片（{photoIds.length} 张，点按查看原图）</View>
      <View className='progress-photo-list'>
        {photoIds.map((id, index) => {
          const photo = shown[id] ?? { status: 'loading' };
          if (photo.status === 'shown') {
            return (
              <View className='progress-photo' key={id} {...pressable(() => open(photo.src), `查看第 ${index + 1} 张照片原图`)}>
                <Image className='progress-photo-thumb' src={photo.src} mode='aspectFill' aria-hidden='true' />
              </View>
            );
          }
          return (
            <View className='progress-photo progress-photo-placeholder' key={id}>
              <Text>{photo.status === 'loading' ? '加载中…' : photo.message}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
