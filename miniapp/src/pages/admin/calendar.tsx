import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  CALENDAR_DAY_KINDS,
  calendarDay,
  calendarDayInput,
  type CalendarDay,
  type CalendarDayKind,
  type CalendarYearStatus,
} from '@sa/contracts';
import { deleteCalendarDay, fetchCalendarDays, fetchCalendarYears, putCalendarDay } from '../../api';
import { errorMessage } from '../../components/show-error';
import { AdminShell } from './admin-shell';
import { nextYear } from './next-year';
import { Action, Choice, Failed, Notice, TextField, serverFieldErrors, zodFieldErrors, type FieldErrors } from './ui';

export const DAY_KIND_LABELS: Record<CalendarDayKind, string> = { HOLIDAY: '放假', MAKEUP_WORKDAY: '调休上班' };
const KIND_OPTIONS = CALENDAR_DAY_KINDS.map((k) => ({ value: k, label: DAY_KIND_LABELS[k] }));

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (date: string) => `星期${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? ''}`;

function DayRow({ day, onChanged }: { day: CalendarDay; onChanged: (message: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<CalendarDayKind>(day.kind);
  const [name, setName] = useState(day.name);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      onChanged(await action());
    } catch (failure) {
      setErrors(serverFieldErrors(failure));
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const parsed = calendarDayInput.safeParse({ kind, name });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    void run(async () => {
      await putCalendarDay(day.date, parsed.data);
      setEditing(false);
      return `已修改 ${day.date}：${DAY_KIND_LABELS[parsed.data.kind]}（${parsed.data.name}）`;
    });
  };

  const remove = () =>
    void run(async () => {
      await deleteCalendarDay(day.date);
      return `已删除 ${day.date} 的安排：该日按平常的工作日或周末计算`;
    });

  return (
    <View className='list-item calendar-day' role='listitem'>
      <View className='admin-row-title'>
        {day.date}（{weekday(day.date)}） <Text className={`tag${day.kind === 'MAKEUP_WORKDAY' ? ' admin-tag-work' : ''}`}>{DAY_KIND_LABELS[day.kind]}</Text> {day.name}
      </View>
      {editing ? (
        <View>
          <Choice label='类型' options={KIND_OPTIONS} value={kind} onChange={setKind} error={errors.kind} />
          <TextField label='名称' className='calendar-edit-name' value={name} maxlength={40} onChange={setName} error={errors.name} />
          <View className='admin-actions'>
            <Action className='calendar-edit-save' onPress={save} disabled={busy}>
              保存
            </Action>
            <Action kind='plain' onPress={() => setEditing(false)}>
              取消
            </Action>
          </View>
        </View>
      ) : (
        <View className='admin-actions'>
          <Action kind='plain' label={`修改 ${day.date}`} onPress={() => setEditing(true)}>
            修改
          </Action>
          <Action kind='danger' label={`删除 ${day.date}`} className='calendar-remove' onPress={remove} disabled={busy}>
            删除
          </Action>
        </View>
      )}
      {errors.form && <View className='field-error'>{errors.form}</View>}
    </View>
  );
}

function AddDayForm({ year, onAdded }: { year: number; onAdded: (message: string) => void }) {
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<CalendarDayKind>('HOLIDAY');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (busy) return;
    const parsed = calendarDay.safeParse({ date: date.trim(), kind, name });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      const { date: day, ...body } = parsed.data;
      await putCalendarDay(day, body);
      setDate('');
      setName('');
      onAdded(`已添加 ${day}：${DAY_KIND_LABELS[body.kind]}（${body.name}）`);
    } catch (failure) {
      setErrors(serverFieldErrors(failure, { CALENDAR_DAY_CONFLICT: 'date', INVALID_DATE: 'date' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card calendar-add' role='form' aria-label='添加节假日或调休上班日'>
      <View className='card-title'>添加日期</View>
      <TextField label='日期' className='calendar-date' value={date} maxlength={10} placeholder={`${year}-01-01`} onChange={setDate} error={errors.date} />
      <Choice label='类型' options={KIND_OPTIONS} value={kind} onChange={setKind} error={errors.kind} />
      <TextField label='名称' className='calendar-name' value={name} maxlength={40} placeholder='如“春节”' onChange={setName} error={errors.name} />
      {errors.form && <View className='field-error'>{errors.form}</View>}
      <Action className='calendar-add-submit' onPress={() => void add()} disabled={busy}>
        添加
      </Action>
    </View>
  );
}

function YearsStatus({ years }: { years: CalendarYearStatus[] | null }) {
  if (years === null) return null;
  return (
    <View className='card calendar-years'>
      <View className='card-title'>各年节假日安排</View>
      {years.map((y) => (
        <View key={y.year} className={`admin-text${y.hasSchedule ? '' : ' admin-warn'}`}>
          {y.year} 年：{y.hasSchedule ? '已录入官方安排' : '尚未录入官方安排'}
          {y.provisionalDeadlines > 0 ? `，${y.provisionalDeadlines} 个办理期限按暂定日历计算` : ''}
        </View>
      ))}
    </View>
  );
}

function CalendarScreen() {
  const { params } = useRouter();
  const initialYear = Number(params.year) >= 2000 && Number(params.year) <= 2100 ? Number(params.year) : nextYear() - 1;
  const [year, setYear] = useState(initialYear);
  const [days, setDays] = useState<CalendarDay[] | null>(null);
  const [years, setYears] = useState<CalendarYearStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let stale = false;
    setError(null);
    fetchCalendarDays(year)
      .then((res) => !stale && setDays(res.items))
      .catch((failure: unknown) => !stale && setError(errorMessage(failure)));
    // The years status changes with every edit (a first holiday makes a year scheduled).
    fetchCalendarYears()
      .then((res) => !stale && setYears(res))
      .catch(() => !stale && setYears(null));
    return () => {
      stale = true;
    };
  }, [year, reload]);

  const changed = (text: string) => {
    setMessage(text);
    setReload((n) => n + 1);
  };

  const choices = [...new Set([year - 1, year, year + 1, ...(years ?? []).map((y) => y.year)])]
    .filter((y) => y >= 2000 && y <= 2100)
    .sort((a, b) => a - b);

  return (
    <View>
      <YearsStatus years={years} />
      <Choice<number>
        label='年份'
        className='calendar-year'
        options={choices.map((y) => ({ value: y, label: `${y} 年` }))}
        value={year}
        onChange={(y) => {
          setMessage(null);
          setDays(null);
          setYear(y);
        }}
      />
      {message && <Notice>{message}</Notice>}
      <View className='admin-split'>
        <View className='admin-main'>
          <View className='card'>
            <View className='card-title'>{year} 年放假与调休上班日</View>
            <Failed message={error} onRetry={() => setReload((n) => n + 1)} />
            {days !== null && days.length === 0 && <View className='admin-text admin-warn'>{year} 年尚未录入节假日安排。</View>}
            {days !== null && (
              <View role='list' aria-label={`${year} 年节假日安排`}>
                {days.map((d) => (
                  <DayRow key={`${d.date}-${d.kind}-${d.name}`} day={d} onChanged={changed} />
                ))}
              </View>
            )}
          </View>
        </View>
        <View className='admin-side'>
          <AddDayForm year={year} onAdded={changed} />
        </View>
      </View>
    </View>
  );
}

/** 工作日历: the State Council's holidays and make-up working days, which every statutory deadline counts on. */
export default function AdminCalendarPage() {
  return (
    <AdminShell current='/pages/admin/calendar' title='工作日历'>
      {() => <CalendarScreen />}
    </AdminShell>
  );
}
