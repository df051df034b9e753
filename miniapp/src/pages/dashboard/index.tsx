import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  INDICATOR_GROUP_LABELS,
  type IndicatorCode,
  type IndicatorDefinition,
  type IndicatorGroup,
  type IndicatorReport,
  type IndicatorValue,
  type Me,
} from '@sa/contracts';
import { exportEvidence, fetchIndicatorDefinitions, fetchIndicators, type IndicatorPeriod } from '../../api/indicators';
import { RankingChart, TrendChart } from '../../components/charts/charts';
import { LoadError } from '../../components/load-error';
import { notify } from '../../components/notify';
import { pressable, pressableAs, selectable } from '../../components/pressable';
import { errorMessage, showError } from '../../components/show-error';
import { WbDate, WbSelect } from '../../components/wb-field';
import { WbStaffGate } from '../../components/wb-staff-gate';
import {
  PERIOD_LABELS,
  chartNumber,
  formatParts,
  formatTarget,
  formatValue,
  periodProblem,
  presetPeriod,
  rankUnits,
  statusLabel,
  todayShanghai,
  totalRow,
  trendPoints,
  unitSuffix,
  type PeriodKind,
} from './model';
import './index.css';

const URL = '/pages/dashboard/index';
const STAFF = ['OFFICE_STAFF', 'CADRE', 'ADMIN'] as const;

/** Where a figure came from: enough to list the records behind it. */
type Figure = { code: IndicatorCode; groupBy: IndicatorGroup; key: string; label: string };

function openRecords(period: IndicatorPeriod, f: Figure, failing = false) {
  const q = [`code=${f.code}`, `from=${period.from}`, `to=${period.to}`, `groupBy=${f.groupBy}`, `key=${encodeURIComponent(f.key)}`, `label=${encodeURIComponent(f.label)}`];
  if (failing) q.push('failing=true');
  void Taro.navigateTo({ url: `/pages/dashboard/records?${q.join('&')}` });
}

const scopeText = (me: Me) => (me.role === 'ADMIN' ? '全区' : me.role === 'OFFICE_STAFF' ? '本所辖区' : '本人包保的经营主体');

/** One indicator against its target, the status in colour and words, and what it is made of. */
function IndicatorCard({ def, value, onOpen }: { def: IndicatorDefinition; value: IndicatorValue | undefined; onOpen: (failing: boolean) => void }) {
  const [open, setOpen] = useState(false);
  const v: IndicatorValue = value ?? { value: null, numerator: 0, denominator: 0, target: def.target, status: 'NO_DATA' };
  const shown = formatValue(def, v.value);
  const hasRecords = v.denominator > 0;
  return (
    <View className={`card dash-card dash-${v.status}`} role='group' aria-label={def.name}>
      <View className='dash-card-head'>
        <Text className='dash-card-name'>{def.name}</Text>
        <Text className={`tag dash-status dash-status-${v.status}`}>{statusLabel(v.status)}</Text>
      </View>
      {hasRecords ? (
        <View className='dash-value link' {...pressableAs('link', () => onOpen(false), `${def.name} ${shown}，查看明细`)}>
          {shown}
        </View>
      ) : (
        <View className='dash-value'>{shown}</View>
      )}
      <View className='detail-row dash-target'>目标：{formatTarget(def)}</View>
      <View className='detail-row dash-parts'>
        {def.unit === 'RATIO' ? '分子/分母' : def.unit === 'WORKING_DAYS' ? '统计件数' : '抽检批次/千人·年'}：{formatParts(def, v)}
        {v.status === 'TOO_FEW' && `（少于 ${def.minSample} 件，不作评判）`}
      </View>
      <View className='dash-card-actions'>
        {hasRecords && (
          <View className='link dash-open-failing' {...pressableAs('link', () => onOpen(true))}>
            未达要求的记录 ›
          </View>
        )}
        <View className='link dash-def-toggle' aria-expanded={open ? 'true' : 'false'} {...pressable(() => setOpen(!open))}>
          {open ? '收起口径' : '指标口径'}
        </View>
      </View>
      {open && (
        <View className='dash-def' role='note'>
          <View className='detail-row'>分子：{def.numerator}</View>
          <View className='detail-row'>分母：{def.denominator}</View>
          <View className='detail-row'>统计时段：{def.window}</View>
          <View className='detail-row'>不计入：{def.excluded}</View>
          <View className='detail-row'>最少样本：{def.minSample} 件（不足时显示“样本不足”，不参与排名）</View>
        </View>
      )}
    </View>
  );
}

/** The monthly trend of one indicator: the chart and, for every reader, the same figures as a table. */
function Trend({ def, report, period }: { def: IndicatorDefinition; report: IndicatorReport; period: IndicatorPeriod }) {
  const points = trendPoints(report, def.code);
  const unit = unitSuffix(def);
  const data = points.map((p) => ({ month: p.month, value: p.value === null ? null : chartNumber(def, p.value) }));
  const summary = `${def.name}月度趋势：${points.map((p) => `${p.month} ${formatValue(def, p.value)}`).join('，')}；目标 ${formatTarget(def)}`;
  return (
    <View className='dash-trend'>
      <TrendChart id='dash-trend-chart' data={data} target={chartNumber(def, def.target)} max={def.unit === 'RATIO' ? 100 : undefined} label={summary} unit={unit} />
      <View className='dash-table' role='table' aria-label={`${def.name}月度数据`}>
        <View className='dash-tr dash-th' role='row'>
          <View className='dash-cell' role='columnheader'>月份</View>
          <View className='dash-cell' role='columnheader'>数值</View>
          <View className='dash-cell' role='columnheader'>{def.unit === 'RATIO' ? '分子/分母' : '件数'}</View>
          <View className='dash-cell' role='columnheader'>状态</View>
        </View>
        {points.map((p) => (
          <View key={p.key} className='dash-tr dash-trend-row' role='row'>
            <View className='dash-cell' role='cell'>{p.month}</View>
            <View className='dash-cell' role='cell'>
              {p.denominator > 0 ? (
                <Text className='link' {...pressableAs('link', () => openRecords(period, { code: def.code, groupBy: 'month', key: p.key, label: p.month }), `${p.month} ${formatValue(def, p.value)}，查看明细`)}>
                  {formatValue(def, p.value)}
                </Text>
              ) : (
                formatValue(def, p.value)
              )}
            </View>
            <View className='dash-cell' role='cell'>{def.unit === 'RATIO' ? `${p.numerator}/${p.denominator}` : p.denominator}</View>
            <View className='dash-cell' role='cell'>
              <Text className={`dash-status-text dash-status-${p.status}`}>{statusLabel(p.status)}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}

/** How many of the first and of the last units the ranking chart draws when there are many. */
const CHART_ENDS = 5;

/** Units ranked for one indicator; those with too small a sample, or none, are named below instead of ranked. */
function RankingView({ def, report, groupBy, period }: { def: IndicatorDefinition; report: IndicatorReport; groupBy: 'street' | 'cadre'; period: IndicatorPeriod }) {
  const ranking = rankUnits(report, def.code, def);
  const unit = unitSuffix(def);
  const title = `按${INDICATOR_GROUP_LABELS[groupBy]}排名`;
  // A bar per unit would make a chart of a hundred cadres a page tall: beyond a dozen, the first and last few.
  const places = ranking.ranked.map((r, i) => ({ r, place: i + 1 }));
  const charted = places.length > CHART_ENDS * 2 + 2 ? [...places.slice(0, CHART_ENDS), ...places.slice(-CHART_ENDS)] : places;
  return (
    <View className={`dash-ranking dash-ranking-${groupBy}`} role='region' aria-label={title}>
      <View className='dash-section-title' role='heading' aria-level={3}>
        {title}
      </View>
      {ranking.ranked.length === 0 ? (
        <View className='hint dash-rank-none'>没有样本足够的{INDICATOR_GROUP_LABELS[groupBy]}可以排名。</View>
      ) : (
        <>
          <RankingChart
            id={`dash-rank-${groupBy}`}
            data={charted.map(({ r }) => ({ label: r.label, value: chartNumber(def, r.value), met: r.status === 'MET' }))}
            label={`${def.name}${title}：${charted.map(({ r, place }) => `第${place}名 ${r.label} ${formatValue(def, r.value)}（${statusLabel(r.status)}）`).join('，')}`}
            unit={unit}
          />
          {charted.length < ranking.ranked.length && (
            <View className='hint dash-rank-charted'>
              图中为前 {CHART_ENDS} 名和后 {CHART_ENDS} 名，共 {ranking.ranked.length} 个{INDICATOR_GROUP_LABELS[groupBy]}的完整排名见下表。
            </View>
          )}
          <View className='dash-rank-list' role='list'>
            {ranking.ranked.map((r, i) => (
              <View
                key={r.key}
                className='dash-rank-row'
                role='listitem'
              >
                <Text className='dash-rank-no'>{i + 1}</Text>
                <Text className='dash-rank-label'>{r.label}</Text>
                <Text className='link dash-rank-value' {...pressableAs('link', () => openRecords(period, { code: def.code, groupBy, key: r.key, label: r.label }), `${r.label} ${formatValue(def, r.value)}，查看明细`)}>
                  {formatValue(def, r.value)}
                </Text>
                <Text className={`dash-status-text dash-status-${r.status}`}>{statusLabel(r.status)}</Text>
              </View>
            ))}
          </View>
        </>
      )}
      {ranking.tooFew.length > 0 && (
        <View className='hint dash-too-few'>
          样本不足未参与排名：{ranking.tooFew.map((u) => `${u.label}（${u.denominator} 件）`).join('、')}（少于 {def.minSample} 件）
        </View>
      )}
      {ranking.noData.length > 0 && <View className='hint dash-no-data'>暂无数据未参与排名：{ranking.noData.map((u) => u.label).join('、')}</View>}
    </View>
  );
}

type Reports = { total: IndicatorReport; month: IndicatorReport; street: IndicatorReport; cadre: IndicatorReport };

function Dashboard({ me }: { me: Me }) {
  const today = todayShanghai();
  const [kind, setKind] = useState<PeriodKind>('YEAR');
  const [period, setPeriod] = useState<IndicatorPeriod>(() => presetPeriod('YEAR', today));
  const [customFrom, setCustomFrom] = useState('');
  const [customTo, setCustomTo] = useState(today);
  const [customError, setCustomError] = useState<string | null>(null);
  const [defs, setDefs] = useState<IndicatorDefinition[] | null>(null);
  const [reports, setReports] = useState<Reports | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<IndicatorCode>('ON_TIME_COMPLETION');
  const [exporting, setExporting] = useState(false);
  const latest = useRef(0);

  const load = async () => {
    const ticket = ++latest.current;
    setError(null);
    setReports(null);
    try {
      const [definitions, total, month, street, cadre] = await Promise.all([
        defs ? Promise.resolve({ items: defs }) : fetchIndicatorDefinitions(),
        fetchIndicators(period, 'district'),
        fetchIndicators(period, 'month'),
        fetchIndicators(period, 'street'),
        fetchIndicators(period, 'cadre'),
      ]);
      if (ticket !== latest.current) return;
      setDefs(definitions.items);
      setReports({ total, month, street, cadre });
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e));
    }
  };
  useEffect(() => void load(), [period.from, period.to]);

  const choosePreset = (k: PeriodKind) => {
    setKind(k);
    setCustomError(null);
    if (k !== 'CUSTOM') setPeriod(presetPeriod(k, today));
  };
  const applyCustom = () => {
    const problem = periodProblem(customFrom, customTo);
    setCustomError(problem);
    if (!problem) setPeriod({ from: customFrom, to: customTo });
  };
  const doExport = async () => {
    if (exporting) return;
    setExporting(true);
    try {
      await exportEvidence(period);
      notify(process.env.TARO_ENV === 'h5' ? '佐证材料已开始下载' : '佐证材料已打开', 'success');
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const def = useMemo(() => defs?.find((d) => d.code === chosen) ?? defs?.[0] ?? null, [defs, chosen]);
  const row = reports ? totalRow(reports.total) : null;

  return (
    <View className='dash'>
      <View className='card'>
        <View className='card-title' role='heading' aria-level={1}>
          数据看板
        </View>
        <View className='hint'>
          统计范围：{scopeText(me)}；统计区间 {period.from} 至 {period.to}。点击数值可查看背后的记录。
        </View>
        <View className='chips dash-periods' role='group' aria-label='统计区间'>
          {(['YEAR', 'LAST12', 'CUSTOM'] as const).map((k) => (
            <View key={k} className={`chip wb-chip dash-period-${k}${kind === k ? ' chip-selected' : ''}`} {...selectable(kind === k, () => choosePreset(k))}>
              {PERIOD_LABELS[k]}
            </View>
          ))}
        </View>
        {kind === 'CUSTOM' && (
          <View className='dash-custom' role='group' aria-label='自定义统计区间'>
            <View className='dash-custom-dates'>
              <WbDate label='开始日期' className='dash-from' value={customFrom} end={today} onChange={setCustomFrom} />
              <WbDate label='结束日期' className='dash-to' value={customTo} end={today} onChange={setCustomTo} error={customError ?? undefined} />
            </View>
            <Button className='btn-primary dash-apply' size='mini' {...pressable(applyCustom)}>
              查询
            </Button>
          </View>
        )}
        {/* The evidence pack is the bureau's and the offices' (a cadre's figures are part of their office's). */}
        {me.role !== 'CADRE' && (
          <Button className='btn-plain dash-export' loading={exporting} {...pressable(() => void doExport())}>
            导出佐证材料（{period.from} 至 {period.to}）
          </Button>
        )}
      </View>

      <LoadError message={error} onRetry={() => void load()} />
      {!reports && !error && <View className='hint'>加载中…</View>}

      {reports && defs && (
        <>
          <View className='dash-section-title' role='heading' aria-level={2}>
            各项指标
          </View>
          <View className='dash-cards'>
            {defs.map((d) => (
              <IndicatorCard
                key={d.code}
                def={d}
                value={row?.indicators[d.code]}
                onOpen={(failing) => openRecords(period, { code: d.code, groupBy: 'district', key: row?.key ?? 'all', label: row?.label ?? scopeText(me) }, failing)}
              />
            ))}
          </View>

          {def && (
            <View className='card dash-analysis'>
              <View className='dash-section-title' role='heading' aria-level={2}>
                趋势与排名
              </View>
              <WbSelect
                label='分析指标'
                className='dash-choose'
                value={def.code}
                options={defs.map((d) => ({ value: d.code, label: d.name }))}
                onChange={(v) => setChosen(v as IndicatorCode)}
              />
              <View className='dash-section-title' role='heading' aria-level={3}>
                月度趋势（虚线为目标 {formatTarget(def)}）
              </View>
              <Trend def={def} report={reports.month} period={period} />
              <View className='dash-rankings'>
                <RankingView def={def} report={reports.street} groupBy='street' period={period} />
                <RankingView def={def} report={reports.cadre} groupBy='cadre' period={period} />
              </View>
            </View>
          )}
        </>
      )}
    </View>
  );
}

/** 数据看板: every indicator against its target, the monthly trend, rankings, the drill-down and the evidence export. */
export default function DashboardPage() {
  return <WbStaffGate current={URL} roles={STAFF}>{(me) => <Dashboard me={me} />}</WbStaffGate>;
}
