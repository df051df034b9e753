import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  DISCLOSURE_STATE_LABELS,
  DISCLOSURE_STATES,
  disclosureCorrectionInput,
  disclosureWithdrawalInput,
  type DisclosureCorrectionInput,
  type DisclosureState,
  type StaffDisclosure,
  type StaffDisclosureList,
} from '@sa/contracts';
import { correctDisclosure, discloseDecision, fetchStaffDisclosures, withdrawDisclosure } from '../../api/penalties';
import { formatDate, formatDateTime, formatDueDate } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs } from '../../components/pressable';
import { notify } from '../../components/notify';
import { errorMessage, showError } from '../../components/show-error';
import { WbDate, WbInput, WbTextarea } from '../../components/wb-field';
import { WbStaffGate } from '../../components/wb-staff-gate';
import { PROVISIONAL_NOTE, deadlineUrgency } from './deadline-text';
import './index.css';
import './disclosures.css';

const URL = '/pages/workbench/disclosures';
const PAGE = 20;

type Form = 'disclose' | 'correct' | 'withdraw' | null;
type Fields = Record<'partyName' | 'partyCreditCode' | 'violationType' | 'penaltyContent' | 'authority' | 'decisionDate' | 'reason', string>;

const fieldsOf = (d: StaffDisclosure): Fields => ({
  partyName: d.partyName,
  partyCreditCode: d.partyCreditCode ?? '',
  violationType: d.violationType,
  penaltyContent: d.penaltyContent,
  authority: d.authority,
  decisionDate: d.decisionDate,
  reason: '',
});

/** Zod's first message per field, for the form. */
function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): Partial<Fields> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'reason');
    out[key] ??= issue.message;
  }
  return out as Partial<Fields>;
}

function CorrectForm({ item, busy, onSubmit, onCancel }: { item: StaffDisclosure; busy: boolean; onSubmit: (input: DisclosureCorrectionInput) => void; onCancel: () => void }) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(item));
  const [errors, setErrors] = useState<Partial<Fields>>({});
  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const submit = () => {
    const before = fieldsOf(item);
    // Only what changed goes to the server, so the trail records exactly the correction.
    const changed = Object.fromEntries(
      (Object.keys(fields) as (keyof Fields)[]).filter((k) => k !== 'reason' && fields[k].trim() !== before[k]).map((k) => [k, fields[k]]),
    );
    const parsed = disclosureCorrectionInput.safeParse({ ...changed, reason: fields.reason });
    if (!parsed.success) {
      setErrors(issuesOf(parsed.error));
      return;
    }
    setErrors({});
    onSubmit(parsed.data);
  };
  return (
    <View className='wb-disc-form' role='group' aria-label={`更正公示信息：${item.decisionNo}`}>
      <WbInput label='当事人' className='wb-disc-party' value={fields.partyName} maxlength={100} onChange={set('partyName')} error={errors.partyName} />
      {item.partyKind === 'ORGANISATION' && (
        <WbInput label='统一社会信用代码' className='wb-disc-credit' value={fields.partyCreditCode} maxlength={18} onChange={set('partyCreditCode')} error={errors.partyCreditCode} />
      )}
      <WbInput label='违法行为类型' className='wb-disc-violation' value={fields.violationType} maxlength={100} onChange={set('violationType')} error={errors.violationType} />
      <WbTextarea label='处罚内容' className='wb-disc-content' value={fields.penaltyContent} maxlength={1000} onChange={set('penaltyContent')} error={errors.penaltyContent} />
      <WbInput label='处罚机关' className='wb-disc-authority' value={fields.authority} maxlength={100} onChange={set('authority')} error={errors.authority} />
      <WbDate label='决定日期' className='wb-disc-date' value={fields.decisionDate} onChange={set('decisionDate')} error={errors.decisionDate} />
      <WbTextarea label='更正理由（记入办理记录）' className='wb-disc-reason' value={fields.reason} maxlength={500} onChange={set('reason')} error={errors.reason} />
      <View className='wb-disc-buttons'>
        <Button className='btn-primary wb-disc-submit' size='mini' loading={busy} {...pressable(() => !busy && submit())}>
          保存更正
        </Button>
        <Button className='btn-plain wb-disc-cancel' size='mini' {...pressable(onCancel)}>
          取消
        </Button>
      </View>
    </View>
  );
}

function WithdrawForm({ item, busy, onSubmit, onCancel }: { item: StaffDisclosure; busy: boolean; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    const parsed = disclosureWithdrawalInput.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    onSubmit(parsed.data.reason);
  };
  return (
    <View className='wb-disc-form' role='group' aria-label={`撤回公示：${item.decisionNo}`}>
      <View className='hint'>{item.state === 'PUBLISHED' ? '撤回后，该条信息不再在公示页面显示。' : '撤回后不再公示，公示期限随之终止。'}仅在处罚决定被撤销等情形下撤回。</View>
      <WbTextarea label='撤回理由（记入办理记录）' className='wb-disc-reason' value={reason} maxlength={500} placeholder='如：该处罚决定经行政复议被撤销' onChange={setReason} error={error} />
      <View className='wb-disc-buttons'>
        <Button className='btn-primary wb-disc-submit wb-disc-danger' size='mini' loading={busy} {...pressable(() => !busy && submit())}>
          确认撤回
        </Button>
        <Button className='btn-plain wb-disc-cancel' size='mini' {...pressable(onCancel)}>
          取消
        </Button>
      </View>
    </View>
  );
}

function DiscloseConfirm({ item, busy, onSubmit, onCancel }: { item: StaffDisclosure; busy: boolean; onSubmit: () => void; onCancel: () => void }) {
  return (
    <View className='wb-disc-form' role='group' aria-label={`确认公示：${item.decisionNo}`}>
      <View className='hint'>
        公示后，将在「处罚信息公示」页面向社会公开，当事人显示为「{item.publicPartyName}」{item.partyCreditCode ? `，并公示统一社会信用代码 ${item.partyCreditCode}` : ''}。{item.partyKind === 'NATURAL_PERSON' ? '身份证号码不会公开。' : ''}
      </View>
      <View className='wb-disc-buttons'>
        <Button className='btn-primary wb-disc-submit' size='mini' loading={busy} {...pressable(() => !busy && onSubmit())}>
          确认公示
        </Button>
        <Button className='btn-plain wb-disc-cancel' size='mini' {...pressable(onCancel)}>
          取消
        </Button>
      </View>
    </View>
  );
}

function Row({ item, onChanged }: { item: StaffDisclosure; onChanged: (after: StaffDisclosure, done: string) => void }) {
  const [form, setForm] = useState<Form>(null);
  const [busy, setBusy] = useState(false);
  const due = item.state === 'PENDING' && item.deadline ? deadlineUrgency(item.deadline) : null;
  const run = async (step: () => Promise<StaffDisclosure>, done: string) => {
    setBusy(true);
    try {
      const after = await step();
      setForm(null);
      onChanged(after, done);
    } catch (failure) {
      showError(failure);
    } finally {
      setBusy(false);
    }
  };
  const open = (f: Form) => setForm(form === f ? null : f);
  return (
    <View
      className={`card wb-disc-row wb-disc-${item.state}${due?.tone === 'overdue' ? ' wb-row-overdue' : due?.tone === 'soon' ? ' wb-row-soon' : ''}`}
      role='article'
      aria-label={`处罚决定 ${item.decisionNo}`}
    >
      <View className='wb-row-head'>
        <Text className='wb-disc-no'>{item.decisionNo}</Text>
        <Text className='tag'>{DISCLOSURE_STATE_LABELS[item.state]}</Text>
      </View>
      {due && item.deadline && (
        <View className={`wb-due wb-due-${due.tone}`}>
          {due.text} · 公示期限 {formatDueDate(item.deadline.dueDate)}
          {item.deadline.provisional && <Text className='wb-provisional'>{PROVISIONAL_NOTE}</Text>}
        </View>
      )}
      <View className='detail-row'>
        当事人：{item.partyName}
        {item.partyKind === 'NATURAL_PERSON' && <Text className='muted'>（公示为「{item.publicPartyName}」）</Text>}
      </View>
      {item.partyCreditCode && <View className='detail-row'>统一社会信用代码：{item.partyCreditCode}</View>}
      {item.business && <View className='detail-row'>经营主体：{item.business.name}</View>}
      <View className='detail-row'>违法行为类型：{item.violationType}</View>
      <View className='detail-row'>处罚内容：{item.penaltyContent}</View>
      <View className='detail-row'>
        处罚机关：{item.authority} · 决定日期：{item.decisionDate}
      </View>
      {item.disclosedAt && <View className='detail-row'>公示日期：{formatDate(item.disclosedAt)}</View>}
      {item.withdrawnAt && (
        <View className='detail-row'>
          撤回：{formatDateTime(item.withdrawnAt)}，理由：{item.withdrawReason}
        </View>
      )}
      <View className='detail-row'>
        <View
          className='link wb-disc-case'
          {...pressableAs('link', () => void Taro.redirectTo({ url: `/pages/workbench/index?id=${item.complaintId}` }), `查看案件 ${item.trackingNo}`)}
        >
          查看案件 {item.trackingNo} ›
        </View>
      </View>
      {item.state !== 'WITHDRAWN' && (
        <View className='wb-disc-actions'>
          {item.state === 'PENDING' && (
            <Button className='btn-primary wb-disc-publish' size='mini' aria-expanded={form === 'disclose' ? 'true' : 'false'} {...pressable(() => open('disclose'))}>
              公示
            </Button>
          )}
          <Button className='btn-plain wb-disc-correct' size='mini' aria-expanded={form === 'correct' ? 'true' : 'false'} {...pressable(() => open('correct'))}>
            更正
          </Button>
          <Button className='btn-plain wb-disc-withdraw' size='mini' aria-expanded={form === 'withdraw' ? 'true' : 'false'} {...pressable(() => open('withdraw'))}>
            撤回
          </Button>
        </View>
      )}
      {form === 'disclose' && <DiscloseConfirm item={item} busy={busy} onCancel={() => setForm(null)} onSubmit={() => void run(() => discloseDecision(item.id), '已公示')} />}
      {form === 'correct' && <CorrectForm item={item} busy={busy} onCancel={() => setForm(null)} onSubmit={(input) => void run(() => correctDisclosure(item.id, input), '已更正')} />}
      {form === 'withdraw' && <WithdrawForm item={item} busy={busy} onCancel={() => setForm(null)} onSubmit={(reason) => void run(() => withdrawDisclosure(item.id, reason), '已撤回')} />}
    </View>
  );
}

function Disclosures() {
  const [state, setState] = useState<DisclosureState>('PENDING');
  const [page, setPage] = useState(0);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [list, setList] = useState<StaffDisclosureList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(0);

  const load = async () => {
    const ticket = ++latest.current;
    setError(null);
    try {
      const next = await fetchStaffDisclosures({ state, q: q || undefined, limit: PAGE, offset: page * PAGE });
      if (ticket === latest.current) setList(next);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    }
  };
  useEffect(() => void load(), [state, page, q]);

  const changed = (after: StaffDisclosure, done: string) => {
    setNotice(`${after.decisionNo} ${done}`);
    notify(done, 'success');
    void load();
  };
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE)) : 1;

  return (
    <View className='wb-disclosures'>
      <View className='card'>
        <View className='card-title' role='heading' aria-level={1}>
          处罚信息公示
        </View>
        <View className='hint'>行政处罚决定须自作出之日起 20 个工作日内公示（仅受警告、不予处罚的除外），超期将提级督办。</View>
        <View className='chips' role='group' aria-label='公示状态'>
          {DISCLOSURE_STATES.map((s) => (
            <View
              key={s}
              className={`chip wb-chip wb-disc-tab-${s}${state === s ? ' chip-selected' : ''}`}
              {...pressable(() => {
                setState(s);
                setPage(0);
              })}
              aria-pressed={state === s ? 'true' : 'false'}
            >
              {DISCLOSURE_STATE_LABELS[s]} {list?.counts[s] ?? ''}
            </View>
          ))}
        </View>
        <View className='wb-search'>
          <WbInput
            label='查找'
            className='wb-disc-search'
            value={draft}
            maxlength={50}
            placeholder='文书号、当事人、经营主体或受理编号'
            onChange={setDraft}
            onConfirm={() => {
              setQ(draft.trim());
              setPage(0);
            }}
          />
          <Button
            className='btn-primary wb-search-go wb-disc-search-go'
            size='mini'
            {...pressable(() => {
              setQ(draft.trim());
              setPage(0);
            })}
          >
            查找
          </Button>
        </View>
        {notice && (
          <View className='wb-disc-notice' role='status'>
            {notice}
          </View>
        )}
      </View>
      <LoadError message={error} onRetry={() => void load()} />
      {!list && !error && <View className='hint'>加载中…</View>}
      {list && list.items.length === 0 && (
        <View className='card hint wb-disc-empty'>{q ? `没有找到与「${q}」相关的${DISCLOSURE_STATE_LABELS[state]}决定。` : `暂无${DISCLOSURE_STATE_LABELS[state]}的处罚决定。`}</View>
      )}
      {list?.items.map((item) => <Row key={`${item.id}-${item.state}`} item={item} onChanged={changed} />)}
      {list && list.total > 0 && (
        <View className='wb-pager'>
          <Button className='btn-plain wb-prev' size='mini' disabled={page === 0} {...pressable(() => page > 0 && setPage(page - 1))}>
            上一页
          </Button>
          <Text className='wb-page-no'>
            第 {page + 1}/{pages} 页（共 {list.total} 条）
          </Text>
          <Button className='btn-plain wb-next' size='mini' disabled={page + 1 >= pages} {...pressable(() => page + 1 < pages && setPage(page + 1))}>
            下一页
          </Button>
        </View>
      )}
    </View>
  );
}

/** 处罚信息公示: the decisions of the office (the admin: all) to publish, correct or withdraw. */
export default function DisclosuresPage() {
  return (
    <WbStaffGate current={URL} roles={['OFFICE_STAFF', 'ADMIN']}>
      {() => <Disclosures />}
    </WbStaffGate>
  );
}
