import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { pressableAs } from '../../components/pressable';
import './index.css';
import { useElderPageClass } from '../../components/elder-page';

const LINKS = [
  { label: '返回首页', open: () => Taro.switchTab({ url: '/pages/home/index' }) },
  { label: '随手拍：反映食品安全问题', open: () => Taro.switchTab({ url: '/pages/report/index' }) },
  { label: '进度查询', open: () => Taro.redirectTo({ url: '/pages/track/index' }) },
];

/** Where an unknown route lands (app.tsx redirects here): says so plainly, and offers the ways on. */
export default function NotFoundPage() {
  const elder = useElderPageClass();
  const from = useRouter().params.from;
  const asked = from ? decodeURIComponent(from) : '';
  return (
    <View className={`page not-found${elder}`}>
      <View className='card'>
        <View className='not-found-title' role='heading' aria-level={2}>
          页面不存在
        </View>
        <View className='not-found-text'>
          {asked ? (
            <Text>
              您要打开的页面（<Text className='not-found-path'>{asked}</Text>）不存在或已下线，可能是链接有误。
            </Text>
          ) : (
            <Text>您要打开的页面不存在或已下线，可能是链接有误。</Text>
          )}
        </View>
        <View className='not-found-links' role='navigation' aria-label='可以前往'>
          {LINKS.map((link) => (
            <View key={link.label} className='not-found-link' {...pressableAs('link', () => void link.open())}>
              {link.label}
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}
