import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  COMPLAINT_KIND_LABELS,
  RECTIFICATION_STATE_LABELS,
  callbackInput,
  rectificationCompleteInput,
  RERATING_WINDOW_DAYS,
  type CallbackInput,
  type RectificationView,
} from '@sa/contracts';
import { completeRectification, fetchRectification, recordCallback } from '../../api/ratings';
import { formatDate, formatDateTime, formatDueDate } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { notify } from '../../components/notify';
import { pressable, pressableAs } from '../../components/pressable';
import { RatingSummary } from '../../components/rating-summary';
import { errorMessage, showError } from '../../components/show-error';
import { WbRadioGroup } from '../../components/wb-choice';
import { WbDate, WbTextarea } from '../../components/wb-field';
import { WbStaffGate } from '../../components/wb-staff-gate';
import { PROVISIONAL_NOTE, deadlineLength, deadlineUrgency } from './deadline-text';
import { useReporterContact } from './detail';
import './index.css';
import './ratings.css';
import './rectifications.css';
import './rectification.css';

const URL = '/pages/workbench/rectifications';
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Now as the date and minute a Shanghai clock shows: the callback form's default. */
export function shanghaiNow(now = Date.now()): { date: string; time: string } {
  const iso = new Date(now + SHANGHAI_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** A time of day (HH:mm): the browser's own time input on h5, the mini-program's time picker on weapp. */
function WbTime({ label, className, value, onChange, error }: { label: string; className: string; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <View className='wb-field'>
      <View className='field-label'>{label}</View>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          type='time'
          className={`field wb-native ${className}`}
          aria-label={label}
          aria-invalid={error ? 'true' : undefined}
          value={value}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
      ) : (
        <Picker mode='time' value={value} onChange={(event) => onChange(String(event.detail.value))}>
          <View className={`field wb-picker ${className}`}>{value || '请选择时间'}</View>
        </Picker>
      )}
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}

type CallbackErrors = Partial<Record<'calledAt' | 'reached' | 'reporterSaid' | 'submit', string>>;

/** 回访记录: when, reached or not, and what the reporter said (required once reached). */
function CallbackForm({ item, onDone }: { item: RectificationView; onDone: () => void }) {
  const [at, setAt] = useState(shanghaiNow);
  // Left at its default, the time is "now" to the second: a call logged right after the 差评 (the same minute) would
  // otherwise read as before it.
  const [timeChosen, setTimeChosen] = useState(false);
  const choose = (change: Partial<{ date: string; time: string }>) => {
    setTimeChosen(true);
    setAt((a) => ({ ...a, ...change }));
  };
  const [reached, setReached] = useState<'yes' | 'no' | null>(null);
  const [said, setSaid] = useState('');
  const [errors, setErrors] = useState<CallbackErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const found: CallbackErrors = {};
    if (!at.date || !at.time) found.calledAt = '请填写回访时间';
    else if (Date.parse(`${at.date}T${at.time}:00+08:00`) > Date.now()) found.calledAt = '回访时间不能晚于现在';
    if (reached === null) found.reached = '请选择是否接通';
    let input: CallbackInput | null = null;
    if (!found.calledAt && !found.reached) {
      const parsed = callbackInput.safeParse({
        calledAt: timeChosen ? `${at.date}T${at.time}:00+08:00` : new Date().toISOString(),
        reached: reached === 'yes',
        ...(said.trim() === '' ? {} : { reporterSaid: said }),
      });
      if (parsed.success) input = parsed.data;
      else for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'submit') as keyof CallbackErrors] ??= issue.message;
    }
    setErrors(found);
    if (!input) return;
    setBusy(true);
    try {
      await recordCallback(item.id, input);
      notify('回访已记录', 'success');
      setAt(shanghaiNow());
      setTimeChosen(false);
      setReached(null);
      setSaid('');
      onDone();
    } catch (failure) {
      setErrors({ submit: errorMessage(failure) });
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card wb-callback-form' role='group' aria-label='记录回访'>
      <View className='card-title'>记录回访</View>
      <View className='wb-callback-when'>
        <WbDate label='回访日期' className='wb-callback-date' value={at.date} end={shanghaiNow().date} onChange={(date) => choose({ date })} />
        <WbTime label='回访时间' className='wb-callback-time' value={at.time} onChange={(time) => choose({ time })} error={errors.calledAt} />
      </View>
      <WbRadioGroup
        label='是否接通'
        className='wb-callback-reached'
        options={[
          { value: 'yes', label: '已接通' },
          { value: 'no', label: '未接通' },
        ]}
        value={reached}
        onChange={setReached}
        error={errors.reached}
      />
      <WbTextarea
        label={reached === 'no' ? '备注（选填）' : '举报人意见'}
        className='wb-callback-said'
        value={said}
        maxlength={1000}
        placeholder={reached === 'no' ? '如：电话无人接听，明日再拨' : '记录举报人对处理结果和整改的意见'}
        onChange={setSaid}
        error={errors.reporterSaid}
      />
      {errors.submit && (
        <View className='field-error submit-error' role='alert'>
          {errors.submit}
        </View>
      )}
      <View className='wb-form-buttons'>
        <Button className='btn-primary wb-callback-submit' size='mini' loading={busy} {...pressable(() => void submit())}>
          保存回访记录
        </Button>
      </View>
    </View>
  );
}

/** 整改完成: what was done; only after at least one callback is recorded. */
function CompleteForm({ item, onDone }: { item: RectificationView; onDone: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const ready = item.callbacks.length > 0;

  const submit = async () => {
    if (busy || !ready) return;
    const parsed = rectificationCompleteInput.safeParse({ actionTaken: text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await completeRectification(item.id, parsed.data);
      notify('整改已完成', 'success');
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card wb-complete-form' role='group' aria-label='整改完成'>
      <View className='card-title'>整改完成</View>
      {!ready && <View className='hint wb-complete-wait'>请先记录至少一次回访，再填写整改情况。</View>}
      <WbTextarea
        label='整改情况'
        className='wb-complete-text'
        value={text}
        maxlength={2000}
        placeholder='写明针对差评做了哪些整改，如再次核查、约谈经营者、重新答复等'
        onChange={setText}
        error={error}
      />
      <View className='wb-form-buttons'>
        {/* undefined rather than false: Taro's h5 button would keep disabled="false", which the grey style matches. */}
        <Button className='btn-primary wb-complete-submit' size='mini' disabled={ready ? undefined : true} loading={busy} {...pressable(() => void submit())}>
          整改完成
        </Button>
      </View>
      <View className='muted'>整改完成后，反映人可在 {RERATING_WINDOW_DAYS} 日内再评价一次。</View>
    </View>
  );
}

function Contact({ item }: { item: RectificationView }) {
  const { contact, busy, error, reveal } = useReporterContact(item.complaintId);
  if (!item.reporterReachable) {
    return (
      <View className='card wb-rect-contact'>
        <View className='card-title'>反映人</View>
        <View className='hint'>反映人未留实名联系方式，无法电话回访；可记录“未接通”并说明情况。</View>
      </View>
    );
  }
  return (
    <View className='card wb-rect-contact'>
      <View className='card-title'>反映人</View>
      {contact ? (
        <View>
          <View className='detail-row'>姓名：{contact.name ?? '未填写'}</View>
          <View className='detail-row'>
            电话：
            <Text className='link wb-rect-phone' {...pressable(() => void Taro.makePhoneCall({ phoneNumber: contact.phone }), `拨打反映人电话 ${contact.phone}`)}>
              {contact.phone}
            </Text>
          </View>
          <View className='detail-row wb-contact-address'>通讯地址：{contact.address ?? '未填写'}</View>
        </View>
      ) : (
        <View>
          <Button className='btn-plain wb-reveal-contact' size='mini' loading={busy} {...pressable(() => void reveal())}>
            查看联系方式
          </Button>
          <View className='muted'>查看完整联系方式会记入办理记录，仅用于回访和告知。</View>
        </View>
      )}
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}

function Detail({ item, onChanged }: { item: RectificationView; onChanged: () => void }) {
  const due = item.state === 'OPEN' ? deadlineUrgency(item.deadline) : null;
  const open = item.state === 'OPEN';
  return (
    <View className='wb-rectification' role='region' aria-label={`差评整改 ${item.trackingNo}`}>
      <View className='card'>
        <View className='wb-row-head'>
          <Text className='card-title wb-detail-title' {...{ tabIndex: -1 }}>
            差评整改 {item.trackingNo}
          </Text>
          <Text className='tag'>{RECTIFICATION_STATE_LABELS[item.state]}</Text>
        </View>
        <View
          className='link wb-rect-case'
          {...pressableAs('link', () => void Taro.navigateTo({ url: `/pages/workbench/index?id=${item.complaintId}` }), `查看${COMPLAINT_KIND_LABELS[item.kind]} ${item.trackingNo}`)}
        >
          查看{COMPLAINT_KIND_LABELS[item.kind]} {item.trackingNo} ›
        </View>
        <View className='detail-row'>经营主体：{item.business?.name ?? '未登记经营主体'}</View>
        <View className='detail-row'>承办监管所：{item.office?.name ?? '未分派'}</View>
        <View className='detail-row'>差评时间：{formatDateTime(item.openedAt)}</View>
        <View className='detail-row'>
          整改期限：{formatDueDate(item.deadline.dueDate)}（{deadlineLength(item.deadline)}）
          {item.deadline.provisional && <Text className='wb-provisional'>{PROVISIONAL_NOTE}</Text>}
          {item.deadline.escalatedAt ? ' · 已督办' : ''}
        </View>
        {due && <View className={`wb-due wb-due-${due.tone}`}>{due.text}</View>}
      </View>

      <View className='card wb-rect-ratings'>
        <View className='card-title'>评价</View>
        <RatingSummary rating={item.rating} className='wb-rect-first' />
        {item.secondRating ? (
          <RatingSummary rating={item.secondRating} className='list-item wb-rect-second' />
        ) : (
          item.state === 'DONE' && <View className='hint wb-rect-no-second'>反映人尚未再次评价。</View>
        )}
      </View>

      <Contact item={item} />

      <View className='card wb-callbacks'>
        <View className='card-title'>回访记录</View>
        {item.callbacks.length === 0 && <View className='hint'>尚未回访。</View>}
        {item.callbacks.map((c) => (
          <View key={c.id} className='list-item wb-callback'>
            <View className='detail-row'>
              {formatDateTime(c.calledAt)} · {c.byName} · <Text className={c.reached ? 'wb-callback-yes' : 'wb-callback-no'}>{c.reached ? '已接通' : '未接通'}</Text>
            </View>
            {c.reporterSaid && <View className='detail-row wb-callback-said-text'>{c.reached ? '举报人意见：' : '备注：'}{c.reporterSaid}</View>}
          </View>
        ))}
      </View>

      {open && item.canAct && <CallbackForm key={item.callbacks.length} item={item} onDone={onChanged} />}
      {open && item.canAct && <CompleteForm item={item} onDone={onChanged} />}
      {open && !item.canAct && <View className='card hint'>包保干部可查看整改进展；回访和整改由承办监管所记录。</View>}

      {item.state === 'DONE' && (
        <View className='card wb-rect-result'>
          <View className='card-title'>整改情况</View>
          <View className='detail-row wb-rect-action'>{item.actionTaken}</View>
          <View className='muted'>
            {item.completedAt ? formatDate(item.completedAt) : ''} {item.completedByName ?? ''} 整改完成
          </View>
        </View>
      )}
    </View>
  );
}

function Rectification() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [item, setItem] = useState<RectificationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = async () => {
    const ticket = ++latest.current;
    setError(null);
    if (!Number.isInteger(id) || id <= 0) {
      setError('链接有误，请从“差评整改”列表重新进入');
      return;
    }
    try {
      const next = await fetchRectification(id);
      if (ticket === latest.current) setItem(next);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    }
  };
  useEffect(() => void load(), [id]);

  return (
    <View>
      <Button className='btn-plain wb-rect-back' size='mini' {...pressable(() => void Taro.redirectTo({ url: URL }))}>
        返回差评整改列表
      </Button>
      {error && (
        <View className='card'>
          <LoadError message={error} onRetry={() => void load()} />
        </View>
      )}
      {!item && !error && <View className='card hint'>加载中…</View>}
      {item && <Detail item={item} onChanged={() => void load()} />}
    </View>
  );
}

/** One 差评整改 task: the rating, the reporter's contact on request, the callbacks and the completion. */
export default function RectificationPage() {
  return (
    <WbStaffGate current={URL} roles={['OFFICE_STAFF', 'CADRE', 'ADMIN']}>
      {() => <Rectification />}
    </WbStaffGate>
  );
}
