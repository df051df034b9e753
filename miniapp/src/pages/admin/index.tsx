import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CalendarYearStatus, SweepResult } from '@sa/contracts';
import { fetchCalendarYears, runSweep } from '../../api';
import { errorMessage } from '../../components/show-error';
import { pressableAs } from '../../components/pressable';
import { ADMIN_LINKS, AdminShell } from './admin-shell';
import { nextYear } from './next-year';
import { Action, Notice } from './ui';

/** What one sweep did, as the admin reads it. */
export function sweepSummary(result: SweepResult): string {
  const parts = [`督办 ${result.escalated} 件`, `提醒 ${result.reminded} 件`, `通知 ${result.notified} 件`, `归档 ${result.closed} 件`];
  if (result.failed > 0) parts.push(`发送失败 ${result.failed} 件`);
  return `${result.today} 期限巡检完成：${parts.join('、')}。`;
}

const DESCRIPTIONS: Record<string, string> = {
  '/pages/admin/businesses': '经营主体登记、分级与包保指派，承诺书签订情况',
  '/pages/admin/cadres': '市级、区级、街道、社区包保干部',
  '/pages/admin/volunteers': '社会监督员名册与邀请码',
  '/pages/admin/users': '工作人员账号、角色、停用与强制下线',
  '/pages/admin/calendar': '法定节假日与调休上班日',
  '/pages/admin/surveys': '满意度测评的创建、入户调查结果导入与测评结果',
  '/pages/admin/partner-keys': '12345 热线等合作方的 Open311 接口密钥：签发、停用',
};

function Overview() {
  const [years, setYears] = useState<CalendarYearStatus[] | null>(null);
  const [sweep, setSweep] = useState<{ result: SweepResult } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The reminder is a hint: if the years cannot be loaded the overview still works.
    fetchCalendarYears()
      .then(setYears)
      .catch(() => setYears(null));
  }, []);

  const year = nextYear();
  const missing = years !== null && !years.some((y) => y.year === year && y.hasSchedule);
  const provisional = years?.find((y) => y.year === year)?.provisionalDeadlines ?? 0;
  const openCalendar = () => void Taro.navigateTo({ url: `/pages/admin/calendar?year=${year}` });

  const sweepNow = async () => {
    if (busy) return;
    setBusy(true);
    try {
      setSweep({ result: await runSweep() });
    } catch (failure) {
      setSweep({ error: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      {missing && (
        <Notice tone='warn'>
          <View>请录入 {year} 年节假日安排</View>
          {provisional > 0 && <View>有 {provisional} 个期限跨入 {year} 年，目前按暂定日历计算。</View>}
          <View className='link' {...pressableAs('link', openCalendar)}>
            去录入 {year} 年节假日
          </View>
        </Notice>
      )}
      <View className='card'>
        <View className='card-title'>期限巡检</View>
        <View className='admin-text'>系统每天自动巡检办理期限：临近到期的提醒承办人，超期的督办。也可以立即执行一次。</View>
        <Action className='sweep-now' onPress={() => void sweepNow()} disabled={busy}>
          {busy ? '正在巡检…' : '立即执行期限巡检'}
        </Action>
        {sweep && 'result' in sweep && <Notice>{sweepSummary(sweep.result)}</Notice>}
        {sweep && 'error' in sweep && <View className='field-error'>{sweep.error}</View>}
      </View>
      <View className='admin-tiles'>
        {ADMIN_LINKS.filter((l) => l.url !== '/pages/admin/index').map((link) => {
          const open = () => void Taro.navigateTo({ url: link.url });
          return (
            <View key={link.url} className='card admin-tile' {...pressableAs('link', open)}>
              <View className='card-title'>{link.label}</View>
              <Text className='admin-text'>{DESCRIPTIONS[link.url]}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}

/** 区食安办管理: the way into the five registers, the calendar reminder and the sweep. */
export default function AdminIndexPage() {
  return (
    <AdminShell current='/pages/admin/index' title='区食安办管理'>
      {() => <Overview />}
    </AdminShell>
  );
}
