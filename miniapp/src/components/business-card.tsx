import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { BusinessSummary } from '@sa/contracts';
import { GRADE_LABELS } from '../api/labels';
import { pressableAs } from './pressable';

type Props = { business: BusinessSummary; onSelect?: (business: BusinessSummary) => void; publicLink?: boolean };

type CardEvent = { key?: string; stopPropagation?: () => void; preventDefault?: () => void };

/** 查看主体公示信息: the business's public page (cadre, open reports, disclosures), without choosing the card it sits in. */
export function PublicPageLink({ businessId }: { businessId: number }) {
  const open = () => void Taro.navigateTo({ url: `/pages/public/business?id=${businessId}` });
  const link = {
    ...pressableAs('link', open),
    onKeyDown: (event: CardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.stopPropagation?.();
      event.preventDefault?.();
      open();
    },
  };
  return (
    <Text
      className='link public-page-link'
      {...link}
      onClick={(event) => {
        event.stopPropagation();
        open();
      }}
    >
      查看主体公示信息
    </Text>
  );
}

export function BusinessCard({ business, onSelect, publicLink = false }: Props) {
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
      {publicLink && <PublicPageLink businessId={business.id} />}
    </View>
  );
}
