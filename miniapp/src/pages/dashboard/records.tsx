import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { INDICATOR_CODES, INDICATOR_GROUP_LABELS, INDICATOR_GROUPS, type IndicatorCode, type IndicatorDefinition, type IndicatorGroup, type IndicatorRecord, type IndicatorRecords } from '@sa/contracts';
import { fetchIndicatorDefinitions, fetchIndicatorRecords } from '../../api/indicators';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs, selectable } from '../../components/pressable';
import { errorMessage } from '../../components/show-error';
import { WbStaffGate } from '../../components/wb-staff-gate';
import { periodProblem } from './model';
import './index.css';

const URL = '/pages/dashboard/records';
const PAGE = 20;

const KIND_LABELS: Record<IndicatorRecord['kind'], string> = {
  COMPLAINT: '投诉举报',
  RATING: '评价',
  RECTIFICATION: '差评整改',
  PENALTY: '行政处罚',
  SAMPLING: '抽检批次',
  BUSINESS: '经营主体',
};

type Params = { code: IndicatorCode; from: string; to: string; groupBy: IndicatorGroup; key: string; label: string; failing: boolean };

/** Taro hands the query over decoded on some platforms and not on others. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The page's query, checked: a link typed by hand gets a sentence, not a failed request. */
function readParams(params: Record<string, string | undefined>): Params | string {
  const code = params.code as IndicatorCode | undefined;
  const groupBy = (params.groupBy ?? 'district') as IndicatorGroup;
  const from = params.from ?? '';
  const to = params.to ?? '';
  if (!code || !INDICATOR_CODES.includes(code)) return '链接中的指标无效，请从数据看板点击数值进入。';
  if (!INDICATOR_GROUPS.includes(groupBy)) return '链接中的统计维度无效，请从数据看板点击数值进入。';
  const problem = periodProblem(from, to);
  if (problem) return `链接中的统计区间无效：${problem}`;
  const key = params.key ? safeDecode(params.key) : 'all';
  const label = params.label ? safeDecode(params.label) : INDICATOR_GROUP_LABELS[groupBy];
  return { code, from, to, groupBy, key, label, failing: params.failing === 'true' };
}

function RecordRow({ item }: { item: IndicatorRecord }) {
  const open = () => void Taro.navigateTo({ url: `/pages/workbench/index?id=${item.complaintId}` });
  return (
    <View className={`card dash-rec${item.counted ? ' dash-rec-counted' : ''}`} role='article' aria-label={item.title}>
      <View className='wb-row-head'>
        <Text className='dash-rec-title'>{item.title}</Text>
        <Text className={`tag ${item.counted ? 'dash-status-MET' : 'dash-status-NO_DATA'}`}>{item.counted ? '计入分子' : '未计入分子'}</Text>
      </View>
      <View className='detail-row muted'>
        {KIND_LABELS[item.kind]} · {item.date}
        {item.trackingNo ? ` · ${item.trackingNo}` : ''}
      </View>
      {item.note && <View className='detail-row dash-rec-note'>{item.note}</View>}
      {item.complaintId !== null && (
        <View className='link dash-rec-open' {...pressableAs('link', open, `查看案件 ${item.trackingNo ?? item.title}`)}>
          查看案件 ›
        </View>
      )}
    </View>
  );
}

function Records({ params }: { params: Params }) {
  const [failing, setFailing] = useState(params.failing);
  const [page, setPage] = useState(0);
  const [def, setDef] = useState<IndicatorDefinition | null>(null);
  const [list, setList] = useState<IndicatorRecords | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    fetchIndicatorDefinitions()
      .then((d) => setDef(d.items.find((i) => i.code === params.code) ?? null))
      .catch(() => setDef(null));
  }, [params.code]);

  const load = async () => {
    const ticket = ++latest.current;
    setError(null);
    try {
      const next = await fetchIndicatorRecords({ code: params.code, from: params.from, to: params.to, groupBy: params.groupBy, key: params.key, failing, limit: PAGE, offset: page * PAGE });
      if (ticket === latest.current) setList(next);
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e));
    }
  };
  useEffect(() => void load(), [failing, page]);

  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE)) : 1;
  return (
    <View className='dash'>
      <View className='card'>
        <View className='card-title' role='heading' aria-level={1}>
          {def?.name ?? '指标'}明细
        </View>
        <View className='hint dash-rec-scope'>
          {params.label} · {params.from} 至 {params.to}
        </View>
        {def && (
          <View className='hint'>
            分子：{def.numerator}；分母：{def.denominator}
          </View>
        )}
        <View className='chips dash-failing' role='group' aria-label='显示哪些记录'>
          <View className={`chip wb-chip dash-failing-all${!failing ? ' chip-selected' : ''}`} {...selectable(!failing, () => (setFailing(false), setPage(0)))}>
            全部记录
          </View>
          <View className={`chip wb-chip dash-failing-only${failing ? ' chip-selected' : ''}`} {...selectable(failing, () => (setFailing(true), setPage(0)))}>
            只看未达要求的
          </View>
        </View>
        <View className='link dash-back' {...pressableAs('link', () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/dashboard/index' })))}>
          ‹ 返回数据看板
        </View>
      </View>
      <LoadError message={error} onRetry={() => void load()} />
      {!list && !error && <View className='hint'>加载中…</View>}
      {list && !error && list.items.length === 0 && <View className='card hint dash-rec-empty'>{failing ? '没有未达要求的记录。' : '该统计区间内没有记录。'}</View>}
      {list && !error && list.items.map((item) => <RecordRow key={`${item.kind}-${item.id}`} item={item} />)}
      {list && !error && list.total > 0 && (
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

/** 指标明细: the records behind one figure of the dashboard, each opening its case in the workbench. */
export default function RecordsPage() {
  const { params } = useRouter();
  const parsed = readParams(params);
  return (
    <WbStaffGate current={URL} roles={['OFFICE_STAFF', 'CADRE', 'ADMIN']}>
      {() => (typeof parsed === 'string' ? <View className='card hint dash-bad-link'>{parsed}</View> : <Records params={parsed} />)}
    </WbStaffGate>
  );
}
