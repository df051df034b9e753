import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { BusinessSummary } from '@sa/contracts';
import { GRADE_LABELS } from '../../api/labels';
import { pressableAs } from '../../components/pressable';

// What the 示范街区, 示范街 and business pages share.

/** A plain positive number from the page's query string, else null. */
export function idFrom(value: string | undefined): number | null {
  return value !== undefined && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}

/** One business in a list, opening its public page. */
export function BusinessRow({ business }: { business: BusinessSummary }) {
  return (
    <View
      className='place-business'
      {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/public/business?id=${business.id}` }), `${business.name}，${business.address}`)}
    >
      <View className='place-business-name'>{business.name}</View>
      <View>
        <Text className='tag'>{GRADE_LABELS[business.grade]}</Text>
        <Text className='tag'>{business.businessType.name}</Text>
      </View>
      <View className='muted'>{business.address}</View>
    </View>
  );
}
