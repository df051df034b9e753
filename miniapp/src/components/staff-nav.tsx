import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role } from '@sa/contracts';
import { pressable } from './pressable';

type Link = { url: string; label: string; roles: readonly Role[]; tab?: true };

/** Every workbench and admin screen, and who may open it. */
export const STAFF_LINKS: readonly Link[] = [
  { url: '/pages/workbench/index', label: '投诉举报', roles: ['OFFICE_STAFF', 'CADRE', 'ADMIN'] },
  { url: '/pages/dashboard/index', label: '数据看板', roles: ['OFFICE_STAFF', 'CADRE', 'ADMIN'] },
  { url: '/pages/workbench/businesses', label: '我包保的经营主体', roles: ['CADRE'] },
  { url: '/pages/workbench/rectifications', label: '差评整改', roles: ['OFFICE_STAFF', 'CADRE', 'ADMIN'] },
  { url: '/pages/workbench/ratings', label: '好差评', roles: ['OFFICE_STAFF', 'CADRE', 'ADMIN'] },
  { url: '/pages/workbench/templates', label: '答复模板', roles: ['OFFICE_STAFF', 'ADMIN'] },
  { url: '/pages/workbench/disclosures', label: '处罚公示', roles: ['OFFICE_STAFF', 'ADMIN'] },
  { url: '/pages/workbench/sampling', label: '抽检登记', roles: ['OFFICE_STAFF', 'ADMIN'] },
  { url: '/pages/workbench/articles', label: '宣传内容', roles: ['OFFICE_STAFF', 'ADMIN'] },
  { url: '/pages/admin/index', label: '区食安办管理', roles: ['ADMIN'] },
  // The way back to the account (微信绑定, 退出登录) and the public pages: a tab page, opened with switchTab.
  { url: '/pages/mine/index', label: '我的', roles: ['OFFICE_STAFF', 'CADRE', 'ADMIN'], tab: true },
];

const open = (l: Link) => void (l.tab ? Taro.switchTab({ url: l.url }) : Taro.redirectTo({ url: l.url }));

export const isStaffRole = (role: Role) => role === 'OFFICE_STAFF' || role === 'CADRE' || role === 'ADMIN';

/** The workbench's own navigation, shown at the top of each staff screen; `current` is the open page's url. */
export function StaffNav({ role, current }: { role: Role; current: string }) {
  const links = STAFF_LINKS.filter((l) => l.roles.includes(role));
  return (
    <View className='staff-nav' role='navigation' aria-label='工作台导航'>
      {links.map((l) => {
        const active = l.url === current;
        return (
          <View
            key={l.url}
            className={`staff-nav-link${active ? ' staff-nav-active' : ''}`}
            {...pressable(() => !active && open(l))}
            role='link'
            aria-current={active ? 'page' : undefined}
          >
            <Text>{l.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
