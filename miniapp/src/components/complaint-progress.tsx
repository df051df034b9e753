import { Text, View } from '@tarojs/components';
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
import './complaint-progress.css';

/** What a reporter may see of one complaint: status, deadlines, the reply and the history. */
export function ComplaintProgress({ complaint }: { complaint: ComplaintPublicView }) {
  const category = COMPLAINT_CATEGORIES[complaint.category];
  // Newest first: the reporter comes back to see what happened last.
  const timeline = [...complaint.timeline].reverse();
  return (
    <View>
      <View className='card'>
        <View className='progress-head'>
          <Text className='progress-no'>{complaint.trackingNo}</Text>
          <Text className='status-tag'>{complaint.statusLabel}</Text>
        </View>
        <View className='detail-row'>
          {COMPLAINT_KIND_LABELS[complaint.kind]} · {category.label}
        </View>
        {complaint.businessName && <View className='detail-row'>经营主体：{complaint.businessName}</View>}
        <View className='detail-row'>提交时间：{formatDateTime(complaint.receivedAt)}</View>
        {complaint.office ? (
          <View className='detail-row'>
            承办单位：{complaint.office.name}
            <Text className='office-phone' onClick={() => Taro.makePhoneCall({ phoneNumber: complaint.office!.phone })}>
              {' '}
              {complaint.office.phone}
            </Text>
          </View>
        ) : (
          <View className='detail-row'>承办单位：待分派</View>
        )}
        {complaint.outcome && <View className='detail-row'>办理结果：{COMPLAINT_OUTCOME_LABELS[complaint.outcome]}</View>}
        {complaint.supportCount > 0 && <View className='detail-row'>已有 {complaint.supportCount} 人附议</View>}
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
              <Text>
                {DEADLINE_KIND_LABELS[deadline.kind]}：{formatDueDate(deadline.dueDate)}
              </Text>
              <Text className={`deadline-state deadline-${deadline.state.toLowerCase()}`}>{DEADLINE_STATE_LABELS[deadline.state]}</Text>
            </View>
          ))}
          <View className='muted'>期限按法定工作日计算，节假日顺延。</View>
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
