import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '@sa/contracts';
import { StaffNav } from '../../components/staff-nav';
import { useSession } from '../../session/session';
import { pressableAs } from '../../components/pressable';
import './admin.css';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';

/** The admin screens, in the order of the admin sub-navigation. */
export const ADMIN_LINKS = [
  { url: '/pages/admin/index', label: '概览' },
  { url: '/pages/admin/businesses', label: '经营主体' },
  { url: '/pages/admin/cadres', label: '包保干部' },
  { url: '/pages/admin/volunteers', label: '志愿者' },
  { url: '/pages/admin/users', label: '账号与角色' },
  { url: '/pages/admin/calendar', label: '工作日历' },
  { url: '/pages/admin/surveys', label: '满意度测评' },
  { url: '/pages/admin/partner-keys', label: '开放接口' },
] as const;

export type AdminUrl = (typeof ADMIN_LINKS)[number]['url'];

function AdminNav({ current }: { current: AdminUrl }) {
  return (
    <View className='admin-nav' role='navigation' aria-label='管理导航'>
      {ADMIN_LINKS.map((link) => {
        const active = link.url === current;
        const go = () => !active && void Taro.redirectTo({ url: link.url });
        return (
          <View
            key={link.url}
            className={`admin-nav-link${active ? ' admin-nav-active' : ''}`}
            {...pressableAs('link', go)}
            aria-current={active ? 'page' : undefined}
          >
            <Text>{link.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

/**
 * The frame of every admin screen: the workbench navigation, the admin sub-navigation, and the guard. The
 * children render only for a signed-in ADMIN, so the screens themselves load nothing for anybody else.
 */
export function AdminShell({
  current,
  title,
  children,
}: {
  current: AdminUrl;
  title: string;
  children: (me: Me) => ReactNode;
}) {
  const elder = useElderPageClass();
  const session = useSession();
  if (session.status === 'loading') {
    return (
      <View className={`page admin${elder}`}>
        <View className='hint'>正在加载…</View>
      </View>
    );
  }
  if (session.status === 'guest') {
    const goMine = () => void Taro.switchTab({ url: '/pages/mine/index' });
    return (
      <View className={`page admin${elder}`}>
        <View className='card admin-guard' role='alert'>
          <View>请先登录区食安办管理员账号。</View>
          <View className='link' {...pressableAs('link', goMine)}>
            前往“我的”登录
          </View>
        </View>
      </View>
    );
  }
  const me = session.me;
  if (me.role !== 'ADMIN') {
    return (
      <View className={`page admin${elder}`}>
        <View className='card admin-guard' role='alert'>
          仅区食安办管理员可用
        </View>
      </View>
    );
  }
  return (
    <View className={`page admin${elder}`}>
      <ElderPageNotice />
      <View className='admin-frame'>
        <StaffNav role={me.role} current='/pages/admin/index' />
        <AdminNav current={current} />
        <View className='admin-title' role='heading' aria-level={1}>
          {title}
        </View>
        {children(me)}
      </View>
    </View>
  );
}
