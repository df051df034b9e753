import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CADRE_TIER_LABELS, type CadreTier } from '@sa/contracts';
import { fetchPenalties } from '../../api/penalties';
import { fetchPublicBusiness } from '../../api/public';
import { GRADE_LABELS } from '../../api/labels';
import { LoadError } from '../../components/load-error';
import { pressableAs } from '../../components/pressable';
import { FormError } from '../../components/show-error';
import { useSection } from '../../hooks/use-section';
import { idFrom } from './place-parts';
import './places.css';
import { useElderPageClass } from '../../components/elder-page';

/** 王某某（社区级）: the tier as residents say it (市级 and 区级 already end in 级). */
export function cadreLine(cadre: { name: string; tier: CadreTier }): string {
  const tier = CADRE_TIER_LABELS[cadre.tier];
  return `包保干部：${cadre.name}（${tier.endsWith('级') ? tier : `${tier}级`}）`;
}

/** A business's public page: who it is, who answers for it, what is open about it, its penalty disclosures. */
export default function BusinessPage() {
  const elder = useElderPageClass();
  const { params } = useRouter();
  const id = idFrom(params.id);
  const invalid = () => Promise.reject(new FormError('链接中的经营主体编号无效'));
  const business = useSection(() => (id === null ? invalid() : fetchPublicBusiness(id)));
  const penalties = useSection(() => (id === null ? invalid() : fetchPenalties({ businessId: id, limit: 20 })));
  const data = business.data;

  return (
    <View className={`page places${elder}`}>
      {data === null && business.error === null && <View className='hint'>正在加载…</View>}
      {business.error !== null && (
        <View className='card'>
          <LoadError message={business.error} onRetry={business.reload} />
        </View>
      )}
      {data && (
        <>
          <View className='card'>
            <View className='place-name' role='heading' aria-level={1}>
              {data.name}
            </View>
            <View className='place-tags'>
              <Text className='tag'>{GRADE_LABELS[data.grade]}</Text>
              <Text className='tag'>{data.businessType.name}</Text>
            </View>
            <View className='detail-row'>食品经营许可证：{data.licenceNo}</View>
            <View className='detail-row'>业态：{data.businessType.name}</View>
            <View className='detail-row'>风险分级：{GRADE_LABELS[data.grade]}</View>
            <View className='detail-row'>地址：{data.address}</View>
            <View className='detail-row'>
              所在街道社区：{data.street.name} {data.community.name}
            </View>
            {data.modelStreet && (
              <View className='detail-row'>
                所在示范街：
                <Text
                  className='link'
                  {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/public/street?id=${data.modelStreet?.id}` }), `示范街 ${data.modelStreet.name}`)}
                >
                  {data.modelStreet.name}
                </Text>
              </View>
            )}
            <View className='detail-row place-cadre'>{data.cadre ? cadreLine(data.cadre) : '包保干部：暂未指派'}</View>
            <View className='place-open'>
              {data.openReports > 0 ? `该主体目前有 ${data.openReports} 件投诉举报正在办理` : '该主体目前没有正在办理的投诉举报'}
            </View>
          </View>

          <View className='card'>
            <View className='card-title' role='heading' aria-level={2}>
              发现问题？
            </View>
            <View className='muted'>拍照反映该经营主体的食品安全问题，监管所按时限受理、核查和答复。</View>
            <Button className='btn-primary place-report' onClick={() => void Taro.switchTab({ url: '/pages/report/index' })}>
              随手拍
            </Button>
          </View>
        </>
      )}

      {id !== null && (
        <View className='card'>
          <View className='card-title' role='heading' aria-level={2}>
            处罚信息公示
          </View>
          {penalties.data === null && penalties.error === null && <View className='hint'>正在加载…</View>}
          <LoadError message={penalties.error} onRetry={penalties.reload} />
          {penalties.data?.items.length === 0 && <View className='hint'>暂无处罚信息公示</View>}
          {penalties.data?.items.map((p) => (
            <View key={p.id} className='place-penalty'>
              <View className='detail-row'>文书号：{p.decisionNo}</View>
              <View className='detail-row'>违法行为类型：{p.violationType}</View>
              <View className='detail-row'>处罚内容：{p.penaltyContent}</View>
              <View className='detail-row'>决定日期：{p.decisionDate}</View>
            </View>
          ))}
          {penalties.data !== null && penalties.data.total > penalties.data.items.length && (
            <Text
              className='link'
              {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/public/penalties?businessId=${id}` }))}
            >
              查看全部 {penalties.data.total} 条公示 ›
            </Text>
          )}
        </View>
      )}
    </View>
  );
}
