import type { ReactNode } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type Me, type Role } from '@sa/contracts';
import { useSession } from '../session/session';
import { pressable } from './pressable';
import { StaffNav, isStaffRole } from './staff-nav';
import './wb-staff.css';
import { ElderPageNotice, useElderPageClass } from './elder-page';

type Props = {
  /** the page's url, for the navigation */
  current: string;
  /** who may use this page */
  roles: readonly Role[];
  children: (me: Me) => ReactNode;
};

/** Every workbench screen: the staff navigation, or why this visitor cannot use the screen. */
export function WbStaffGate({ current, roles, children }: Props) {
  const elder = useElderPageClass();
  const session = useSession();
  if (session.status === 'loading') return <View className={`page wb-page hint${elder}`}>加载中…</View>;
  if (session.status === 'guest') {
    return (
      <View className={`page wb-page${elder}`}>
        <View className='card wb-gate'>
          <View className='card-title'>请先登录</View>
          <View className='hint'>工作台供监管所工作人员、包保干部和区食安办使用，请在“我的”页面用工作账号登录。</View>
          <Button className='btn-primary wb-go-login' {...pressable(() => void Taro.switchTab({ url: '/pages/mine/index' }))}>
            去登录
          </Button>
        </View>
      </View>
    );
  }
  const { me } = session;
  if (!isStaffRole(me.role)) {
    return (
      <View className={`page wb-page${elder}`}>
        <View className='card wb-gate'>
          <View className='card-title'>工作台仅供工作人员使用</View>
          <View className='hint'>您当前的身份是{ROLE_LABELS[me.role]}。反映问题请使用“随手拍”，查看进度请到“我的”。</View>
          <Button className='btn-plain wb-go-mine' {...pressable(() => void Taro.switchTab({ url: '/pages/mine/index' }))}>
            去“我的”
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className={`page wb-page${elder}`}>
      <ElderPageNotice />
      <StaffNav role={me.role} current={current} />
      {roles.includes(me.role) ? (
        children(me)
      ) : (
        <View className='card wb-gate'>
          <View className='card-title'>此页面不适用于{ROLE_LABELS[me.role]}</View>
          <View className='hint'>请使用上方导航中的页面。</View>
        </View>
      )}
    </View>
  );
}
