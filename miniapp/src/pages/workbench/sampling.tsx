import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  FOOD_CATEGORIES,
  SAMPLING_RESULT_LABELS,
  SAMPLING_RESULTS,
  samplingBatchInput,
  type BusinessSummary,
  type SamplingBatchList,
  type SamplingBatchView,
  type SamplingResult,
} from '@sa/contracts';
import { ApiError } from '../../api/client';
import { searchBusinesses } from '../../api/endpoints';
import { fetchSamplingBatches, recordSamplingBatch } from '../../api/sampling';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs, selectable } from '../../components/pressable';
import { notify } from '../../components/notify';
import { errorMessage, showError } from '../../components/show-error';
import { WbRadioGroup } from '../../components/wb-choice';
import { WbDate, WbInput, WbSelect } from '../../components/wb-field';
import { WbStaffGate } from '../../components/wb-staff-gate';
import './index.css';
import './sampling.css';

const URL = '/pages/workbench/sampling';
const PAGE = 20;

type FieldKey = 'batchNo' | 'sampledOn' | 'businessId' | 'product' | 'foodCategory' | 'result' | 'failedItem';
type Errors = Partial<Record<FieldKey, string>>;

/** Today in Asia/Shanghai, the last day a batch may be dated. */
const todayShanghai = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const RESULT_OPTIONS = SAMPLING_RESULTS.map((value) => ({ value, label: SAMPLING_RESULT_LABELS[value] }));
const CATEGORY_OPTIONS = FOOD_CATEGORIES.map((c) => ({ value: c, label: c }));

/** Which field a refusal from the server belongs to. */
const FIELD_OF_CODE: Partial<Record<string, FieldKey>> = {
  BATCH_NO_TAKEN: 'batchNo',
  SAMPLING_DATE_IN_FUTURE: 'sampledOn',
  NOT_FOUND: 'businessId',
  FORBIDDEN: 'businessId',
};

/** 经营主体: found by name, licence number or address through the registry search, picked from the results. */
function BusinessPicker({ chosen, onChoose, error }: { chosen: BusinessSummary | null; onChoose: (b: BusinessSummary | null) => void; error?: string }) {
  const [draft, setDraft] = useState('');
  const [results, setResults] = useState<BusinessSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const search = async () => {
    const q = draft.trim();
    if (!q) {
      setFailure('请输入经营主体名称、许可证号或地址');
      return;
    }
    setSearching(true);
    setFailure(null);
    try {
      setResults((await searchBusinesses({ q, limit: 10 })).items);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setSearching(false);
    }
  };
  // Keyed apart: otherwise React reuses the result list's element for 更换经营主体, and the Enter that chose a
  // business, still bubbling through that element, un-chose it at once.
  if (chosen) {
    return (
      <View key='chosen' className='wb-field wb-samp-business'>
        <View className='field-label'>被抽检经营主体</View>
        <View className='wb-samp-chosen' role='status'>
          <Text className='wb-samp-chosen-name'>{chosen.name}</Text>
          <Text className='muted'>
            {chosen.street.name} · {chosen.address}
          </Text>
        </View>
        <View className='link wb-samp-change' {...pressable(() => onChoose(null))}>
          更换经营主体
        </View>
        {error && <View className='field-error'>{error}</View>}
      </View>
    );
  }
  return (
    <View key='search' className='wb-samp-business'>
      <View className='wb-search'>
        <WbInput
          label='被抽检经营主体'
          className='wb-samp-business-q'
          value={draft}
          maxlength={50}
          placeholder='名称、许可证号或地址'
          onChange={setDraft}
          onConfirm={() => void search()}
          error={failure ?? error}
        />
        <Button className='btn-primary wb-search-go wb-samp-business-go' size='mini' loading={searching} {...pressable(() => !searching && void search())}>
          查找
        </Button>
      </View>
      {results && results.length === 0 && <View className='hint wb-samp-none'>没有找到与「{draft.trim()}」相符的经营主体。</View>}
      {results && results.length > 0 && (
        <View role='radiogroup' aria-label='查找结果' className='wb-samp-results'>
          {results.map((b) => (
            <View key={b.id} className='wb-choice wb-samp-result' aria-checked='false' {...pressableAs('radio', () => onChoose(b))}>
              <Text className='wb-samp-result-name'>{b.name}</Text>
              <View className='muted'>
                {b.street.name}
                {b.community.name} · {b.address} · {b.businessType.name}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

type Draft = { batchNo: string; sampledOn: string; product: string; foodCategory: string; result: SamplingResult | null; failedItem: string };
const EMPTY: Draft = { batchNo: '', sampledOn: '', product: '', foodCategory: '', result: null, failedItem: '' };

function RecordForm({ onRecorded, onCancel }: { onRecorded: (b: SamplingBatchView) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => ({ ...EMPTY, sampledOn: todayShanghai() }));
  const [business, setBusiness] = useState<BusinessSummary | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // A field's complaint goes once the field is changed (the others stay until the next 登记).
  const clear = (key: FieldKey) => setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  const set = (key: keyof Draft & FieldKey) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clear(key);
  };

  const submit = async () => {
    const parsed = samplingBatchInput.safeParse({
      batchNo: draft.batchNo,
      sampledOn: draft.sampledOn,
      businessId: business?.id,
      product: draft.product,
      foodCategory: draft.foodCategory || undefined,
      result: draft.result ?? undefined,
      failedItem: draft.result === 'UNQUALIFIED' && draft.failedItem.trim() ? draft.failedItem : undefined,
    });
    const found: Errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]) as FieldKey;
        found[key] ??= issue.message;
      }
    }
    if (!business) found.businessId = '请查找并选择被抽检的经营主体';
    if (!draft.foodCategory) found.foodCategory = '请选择食品类别';
    if (!draft.result) found.result = '请选择检验结论';
    if (draft.sampledOn && draft.sampledOn > todayShanghai()) found.sampledOn = '抽样日期不能晚于今天';
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onRecorded(await recordSamplingBatch(parsed.data));
    } catch (e) {
      const field = e instanceof ApiError ? FIELD_OF_CODE[e.code] : undefined;
      if (field) setErrors({ [field]: e instanceof ApiError ? e.message : errorMessage(e) });
      else showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='wb-samp-form' role='group' aria-label='登记抽检批次'>
      <WbInput label='抽样单编号' className='wb-samp-no' value={draft.batchNo} maxlength={40} placeholder='如 NCP20261009001' onChange={set('batchNo')} error={errors.batchNo} />
      <WbDate label='抽样日期' className='wb-samp-date' value={draft.sampledOn} end={todayShanghai()} onChange={set('sampledOn')} error={errors.sampledOn} />
      <BusinessPicker chosen={business} onChoose={(b) => (setBusiness(b), clear('businessId'))} error={errors.businessId} />
      <WbInput label='样品名称' className='wb-samp-product' value={draft.product} maxlength={100} placeholder='如 散装豆腐' onChange={set('product')} error={errors.product} />
      <WbSelect label='食品类别' className='wb-samp-category' value={draft.foodCategory} options={CATEGORY_OPTIONS} anyLabel='请选择' onChange={set('foodCategory')} error={errors.foodCategory} />
      <WbRadioGroup label='检验结论' className='wb-samp-result-choice' options={RESULT_OPTIONS} value={draft.result} onChange={(r) => (setDraft((d) => ({ ...d, result: r })), clear('result'))} error={errors.result} />
      {draft.result === 'UNQUALIFIED' && (
        <>
          <WbInput
            label='不合格项目'
            className='wb-samp-failed'
            value={draft.failedItem}
            maxlength={200}
            placeholder='如 苯甲酸及其钠盐（以苯甲酸计）超标'
            onChange={set('failedItem')}
            error={errors.failedItem}
          />
          <View className='hint wb-samp-case-hint'>登记不合格批次后，系统按举报件自动立项，分派给该经营主体所在街道的监管所和包保干部，核查时限 15 个工作日。</View>
        </>
      )}
      <View className='wb-samp-buttons'>
        <Button className='btn-primary wb-samp-submit' size='mini' loading={busy} {...pressable(() => !busy && void submit())}>
          登记
        </Button>
        <Button className='btn-plain wb-samp-cancel' size='mini' {...pressable(onCancel)}>
          取消
        </Button>
      </View>
    </View>
  );
}

function BatchRow({ item }: { item: SamplingBatchView }) {
  return (
    <View className={`card wb-samp-row wb-samp-${item.result}`} role='article' aria-label={`抽样单 ${item.batchNo}`}>
      <View className='wb-row-head'>
        <Text className='wb-samp-no-text'>{item.batchNo}</Text>
        <Text className={`tag wb-samp-tag-${item.result}`}>{SAMPLING_RESULT_LABELS[item.result]}</Text>
      </View>
      <View className='detail-row'>
        抽样日期：{item.sampledOn} · {item.street.name}
      </View>
      <View className='detail-row'>经营主体：{item.business.name}</View>
      <View className='detail-row'>
        样品：{item.product}（{item.foodCategory}）
      </View>
      {item.failedItem && <View className='detail-row wb-samp-failed-text'>不合格项目：{item.failedItem}</View>}
      {item.complaint && (
        <View className='detail-row'>
          <View
            className='link wb-samp-case'
            {...pressableAs('link', () => void Taro.redirectTo({ url: `/pages/workbench/index?id=${item.complaint!.id}` }), `查看案件 ${item.complaint.trackingNo}（${item.complaint.statusLabel}）`)}
          >
            查看案件 {item.complaint.trackingNo}（{item.complaint.statusLabel}）›
          </View>
        </View>
      )}
    </View>
  );
}

function Sampling() {
  const [result, setResult] = useState<SamplingResult | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [list, setList] = useState<SamplingBatchList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<SamplingBatchView | null>(null);
  const latest = useRef(0);

  const load = async () => {
    const ticket = ++latest.current;
    setError(null);
    if (from && to && from > to) {
      setError('开始日期不能晚于结束日期');
      return;
    }
    try {
      const next = await fetchSamplingBatches({ result: result || undefined, from: from || undefined, to: to || undefined, q: q || undefined, limit: PAGE, offset: page * PAGE });
      if (ticket === latest.current) setList(next);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    }
  };
  useEffect(() => void load(), [result, from, to, q, page]);

  const done = (b: SamplingBatchView) => {
    setRecording(false);
    setRecorded(b);
    notify('已登记', 'success');
    if (page === 0) void load();
    else setPage(0);
  };
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE)) : 1;
  const filtered = Boolean(result || from || to || q);

  return (
    <View className='wb-sampling'>
      <View className='card'>
        <View className='card-title' role='heading' aria-level={1}>
          抽检登记
        </View>
        <View className='hint'>登记监督抽检批次（只能登记本所辖区的经营主体）。不合格批次自动生成举报件，按举报件的时限核查处置。</View>
        {recorded && (
          <View className='wb-samp-notice' role='status'>
            已登记抽样单 {recorded.batchNo}（{SAMPLING_RESULT_LABELS[recorded.result]}）
            {recorded.complaint && (
              <>
                ，已生成案件{' '}
                <Text className='link wb-samp-notice-case' {...pressableAs('link', () => void Taro.redirectTo({ url: `/pages/workbench/index?id=${recorded.complaint!.id}` }))}>
                  {recorded.complaint.trackingNo}
                </Text>
              </>
            )}
          </View>
        )}
        {!recording && (
          <Button className='btn-primary wb-samp-open' aria-expanded='false' {...pressable(() => setRecording(true))}>
            登记抽检批次
          </Button>
        )}
        {recording && <RecordForm onRecorded={done} onCancel={() => setRecording(false)} />}
      </View>

      <View className='card wb-samp-filters' role='search' aria-label='筛选抽检批次'>
        <View className='chips' role='group' aria-label='检验结论'>
          {(['', ...SAMPLING_RESULTS] as const).map((r) => (
            <View
              key={r || 'ALL'}
              className={`chip wb-chip wb-samp-filter-${r || 'ALL'}${result === r ? ' chip-selected' : ''}`}
              {...selectable(result === r, () => {
                setResult(r);
                setPage(0);
              })}
            >
              {r ? SAMPLING_RESULT_LABELS[r] : '全部'}
            </View>
          ))}
        </View>
        <View className='wb-samp-dates'>
          <WbDate label='抽样日期从' className='wb-samp-from' value={from} onChange={(v) => (setFrom(v), setPage(0))} />
          <WbDate label='至' className='wb-samp-to' value={to} onChange={(v) => (setTo(v), setPage(0))} />
        </View>
        <View className='wb-search'>
          <WbInput
            label='查找'
            className='wb-samp-search'
            value={draft}
            maxlength={50}
            placeholder='抽样单编号、样品、经营主体或不合格项目'
            onChange={setDraft}
            onConfirm={() => (setQ(draft.trim()), setPage(0))}
          />
          <Button className='btn-primary wb-search-go wb-samp-search-go' size='mini' {...pressable(() => (setQ(draft.trim()), setPage(0)))}>
            查找
          </Button>
        </View>
      </View>

      <LoadError message={error} onRetry={() => void load()} />
      {!list && !error && <View className='hint'>加载中…</View>}
      {list && !error && list.items.length === 0 && (
        <View className='card hint wb-samp-empty'>{filtered ? '没有符合筛选条件的抽检批次。' : '暂无抽检批次，点击「登记抽检批次」开始登记。'}</View>
      )}
      {list && !error && list.items.map((item) => <BatchRow key={item.id} item={item} />)}
      {list && !error && list.total > 0 && (
        <View className='wb-pager'>
          <Button className='btn-plain wb-prev' size='mini' disabled={page === 0} {...pressable(() => page > 0 && setPage(page - 1))}>
            上一页
          </Button>
          <Text className='wb-page-no'>
            第 {page + 1}/{pages} 页（共 {list.total} 批次）
          </Text>
          <Button className='btn-plain wb-next' size='mini' disabled={page + 1 >= pages} {...pressable(() => page + 1 < pages && setPage(page + 1))}>
            下一页
          </Button>
        </View>
      )}
    </View>
  );
}

/** 抽检登记: record supervisory sampling batches and list them; an unqualified batch links to the case it opened. */
export default function SamplingPage() {
  return (
    <WbStaffGate current={URL} roles={['OFFICE_STAFF', 'ADMIN']}>
      {() => <Sampling />}
    </WbStaffGate>
  );
}
