import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { fetchModelStreet } from '../../api/public';
import { LoadError } from '../../components/load-error';
import { pressableAs } from '../../components/pressable';
import { FormError } from '../../components/show-error';
import { useSection } from '../../hooks/use-section';
import { BusinessRow, idFrom } from './place-parts';
import './places.css';
import { useElderPageClass } from '../../components/elder-page';

/** One 示范街: what it is, where, and its businesses by name. */
export default function StreetPage() {
  const elder = useElderPageClass();
  const { params } = useRouter();
  const id = idFrom(params.id);
  const street = useSection(() => (id === null ? Promise.reject(new FormError('链接中的示范街编号无效')) : fetchModelStreet(id)));
  const data = street.data;

  return (
    <View className={`page places${elder}`}>
      {data === null && street.error === null && <View className='hint'>正在加载…</View>}
      {street.error !== null && (
        <View className='card'>
          <LoadError message={street.error} onRetry={street.reload} />
          <Text className='link' {...pressableAs('link', () => void Taro.navigateTo({ url: '/pages/public/streets' }))}>
            查看全部示范街区
          </Text>
        </View>
      )}
      {data && (
        <>
          <View className='card'>
            <View className='place-card-head'>
              <View className='place-name' role='heading' aria-level={1}>
                {data.name}
              </View>
              <Text className='tag'>示范街</Text>
            </View>
            <View className='detail-row'>地址：{data.address}</View>
            <View className='detail-row'>所在街道：{data.street.name}</View>
            <View className='place-description'>{data.description}</View>
          </View>
          <View className='card'>
            <View className='card-title' role='heading' aria-level={2}>
              街区经营主体（{data.businessCount} 家）
            </View>
            {data.businesses.length === 0 && <View className='hint'>暂无经营主体</View>}
            {data.businesses.map((business) => (
              <BusinessRow key={business.id} business={business} />
            ))}
          </View>
        </>
      )}
    </View>
  );
}
