import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AreasTree } from '@sa/contracts';
import { fetchAreas } from '../../api';
import { errorMessage, showError } from '../../components/show-error';
import { useSession } from '../../session/session';
import './index.css';
import { LoadError } from '../../components/load-error';

type Offices = AreasTree['offices'];

const INTRO =
  '我区正在创建食品安全示范城市。每一家食品经营主体都有一名包保干部负责到底，落实“两个责任”：' +
  '属地管理责任与企业主体责任。群众和社会监督员发现问题，随时可以反映，监管所按时限受理、核查、答复。';

export default function HomePage() {
  const session = useSession();
  const [offices, setOffices] = useState<Offices | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const loadOffices = () => {
    setLoadError(null);
    fetchAreas()
      .then((areas) => setOffices(areas.offices))
      .catch((error: unknown) => {
        setLoadError(errorMessage(error));
        showError(error);
      });
  };
  useEffect(loadOffices, []);

  // While the mini-program is still logging in silently, do not call the user a guest.
  const greeting =
    session.status === 'signed-in' ? `您好，${session.me.displayName}` : session.status === 'guest' ? '您好，游客' : '您好';

  return (
    <View className='page home'>
      <View className='home-banner'>
        <Text className='home-greeting'>{greeting}</Text>
        <Text className='home-subtitle'>食品安全 共建共治共享</Text>
      </View>

      <View className='card'>
        <View className='card-title'>关于食安共治</View>
        <View className='home-intro'>{INTRO}</View>
      </View>

      <View className='card home-entry' onClick={() => Taro.switchTab({ url: '/pages/report/index' })}>
        <View>
          <View className='card-title'>随手拍</View>
          <View className='muted'>发现食品安全问题？查找经营主体，向监管部门反映</View>
        </View>
        <Text className='home-entry-arrow'>›</Text>
      </View>

      <View className='card home-entry track-entry' onClick={() => Taro.navigateTo({ url: '/pages/track/index' })}>
        <View>
          <View className='card-title'>进度查询</View>
          <View className='muted'>凭受理编号和查询码，查看投诉举报的办理进度和答复</View>
        </View>
        <Text className='home-entry-arrow'>›</Text>
      </View>

      <View className='card'>
        <View className='card-title'>市场监管所</View>
        {offices === null && loadError === null && <View className='hint'>正在加载…</View>}
        <LoadError message={loadError} onRetry={loadOffices} />
        {offices?.map((office) => (
          <View className='office' key={office.id}>
            <View className='office-name'>{office.name}</View>
            <View className='muted'>地址：{office.address}</View>
            <View className='office-phone' onClick={() => Taro.makePhoneCall({ phoneNumber: office.phone })}>
              电话：{office.phone}
            </View>
            <View className='muted'>负责街道：{office.streets.map((street) => street.name).join('、')}</View>
          </View>
        ))}
      </View>
    </View>
  );
}
