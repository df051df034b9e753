import { Text, View } from '@tarojs/components';
import type { BusinessSummary } from '@sa/contracts';
import { GRADE_LABELS } from '../api/labels';

type Props = { business: BusinessSummary; onSelect?: (business: BusinessSummary) => void };

export function BusinessCard({ business, onSelect }: Props) {
  return (
    <View className='business-card' onClick={() => onSelect?.(business)}>
      <View className='business-name'>{business.name}</View>
      <View>
        <Text className='tag'>{GRADE_LABELS[business.grade]}</Text>
        <Text className='tag'>{business.businessType.name}</Text>
      </View>
      <View className='muted'>许可证：{business.licenceNo}</View>
      <View className='muted'>
        {business.street.name} {business.community.name} · {business.address}
      </View>
    </View>
  );
}
