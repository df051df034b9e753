import { PassThrough, type Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { loadExcel, type ExcelJS } from '../common/exceljs';
import {
  DEADLINE_KIND_LABELS,
  INDICATOR_STATUS_LABELS,
  RATING_LEVEL_LABELS,
  RECTIFICATION_STATE_LABELS,
  SURVEY_STATUS_LABELS,
  type IndicatorDefinition,
  type IndicatorReport,
  type IndicatorValue,
  type RatingLevel,
  type SurveyResultRow,
} from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { deadlineEnd, shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { JsonLogger } from '../common/logger';
import { PRISMA, type Prisma } from '../database/database';
import { INDICATOR_DEFINITION_LIST } from '../indicators/indicator-definitions';
import { computeIndicatorRecords, computeIndicatorReport, type IndicatorScope } from '../indicators/indicator-engine';
import { SurveysService } from '../surveys/surveys.service';

export type EvidencePeriod = { from: string; to: string };

export const evidenceFileName = (p: EvidencePeriod) => `评议考核佐证材料_${p.from}_${p.to}.xlsx`;

/** Records per indicator sheet at most (the sheet says when there were more); read from the engine a page at a time. */
export const RECORDS_PER_SHEET = 20_000;
// Each page evaluates its family of records twice (rows and count): few large pages, not many small ones.
const RECORD_PAGE = 5_000;
const DB_PAGE = 500;

type Col = { header: string; key: string; width: number };
type Sheet = ExcelJS.Worksheet;

/** A sheet with Chinese headers, column widths and the header row frozen. */
function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, cols: Col[]): Sheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols;
  ws.getRow(1).font = { bold: true };
  return ws;
}

const shareText = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The figure as the dashboard prints it; null stays a dash, never 0 % or 100 %. */
export function figureText(def: IndicatorDefinition, v: number | null): string {
  if (v === null) return '—';
  if (def.unit === 'RATIO') {
    let t = (v * 100).toFixed(1);
    if (t === '100.0' && v < 1) t = '99.9';
    if (t === '0.0' && v > 0) t = '0.1';
    return `${t}%`;
  }
  if (def.unit === 'WORKING_DAYS') return `${v.toFixed(1)} 个工作日`;
  return `${v.toFixed(2)} 次/千人·年`;
}
const targetText = (def: IndicatorDefinition) => `${def.direction === 'AT_LEAST' ? '≥' : '≤'} ${figureText(def, def.target)}`;

/** Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name. */
const sheetName = (i: number, name: string) => `${String(i + 1).padStart(2, '0')} ${name}`.replace(/[:\\/?*[\]]/g, '·').slice(0, 31);

const instantText = (d: Date | null | undefined) => (d ? `${shanghaiDate(d)} ${d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' })}` : '');
const dbDate = (d: Date) => d.toISOString().slice(0, 10);

@Injectable()
export class EvidenceService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
    private readonly logger: JsonLogger,
  ) {}

  scopeOf(user: AuthUser): IndicatorScope {
    if (user.role === 'ADMIN') return { kind: 'all' };
    if (user.role === 'OFFICE_STAFF' && user.officeId !== null) return { kind: 'office', officeId: user.officeId };
    throw new DomainException('FORBIDDEN', '只有区食安办和监管所工作人员可以导出佐证材料');
  }

  /**
   * The workbook as a stream. Everything that can refuse (scope, the overview figures) happens before the first byte;
   * the sheets are then written and flushed row by row, the records read a page at a time.
   */
  async open(user: AuthUser, period: EvidencePeriod): Promise<Readable> {
    const scope = this.scopeOf(user);
    const now = this.clock.now();
    const report = await computeIndicatorReport(this.prisma, { ...period, groupBy: 'district' }, scope, { now });
    const excel = await loadExcel();
    const out = new PassThrough();
    const wb = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '食安共治';
    wb.created = now;
    void this.write(wb, report, scope, period, now).catch((error: unknown) => {
      this.logger.error(error instanceof Error ? error : String(error), undefined, 'EvidenceService');
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return out;
  }

  private async write(wb: ExcelJS.stream.xlsx.WorkbookWriter, report: IndicatorReport, scope: IndicatorScope, period: EvidencePeriod, now: Date) {
    const row = report.rows[0];
    const valueOf = (def: IndicatorDefinition): IndicatorValue => row?.indicators[def.code] ?? { value: null, numerator: 0, denominator: 0, target: def.target, status: 'NO_DATA' };
    const scopeLabel = scope.kind === 'all' ? (row?.label ?? '全区') : (row?.label ?? '本所辖区');

    const overview = sheet(wb, '概览', [
      { header: '指标', key: 'name', width: 24 },
      { header: '数值', key: 'figure', width: 16 },
      { header: '分子', key: 'numerator', width: 10 },
      { header: '分母', key: 'denominator', width: 10 },
      { header: '目标', key: 'target', width: 16 },
      { header: '状态', key: 'status', width: 10 },
      { header: '分子口径', key: 'num', width: 40 },
      { header: '分母口径', key: 'den', width: 40 },
      { header: '统计时段', key: 'window', width: 30 },
      { header: '不计入', key: 'excluded', width: 36 },
      { header: '最少样本', key: 'minSample', width: 10 },
    ]);
    for (const def of INDICATOR_DEFINITION_LIST) {
      const v = valueOf(def);
      overview
        .addRow({
          name: def.name,
          figure: figureText(def, v.value),
          numerator: v.numerator,
          denominator: v.denominator,
          target: targetText(def),
          status: INDICATOR_STATUS_LABELS[v.status],
          num: def.numerator,
          den: def.denominator,
          window: def.window,
          excluded: def.excluded,
          minSample: def.minSample,
        })
        .commit();
    }
    overview.addRow({}).commit();
    overview.addRow({ name: `统计范围：${scopeLabel}`, figure: `统计区间：${period.from} 至 ${period.to}` }).commit();
    overview.addRow({ name: `导出时间：${instantText(now)}` }).commit();
    overview.commit();

    for (const [i, def] of INDICATOR_DEFINITION_LIST.entries()) await this.indicatorSheet(wb, i, def, valueOf(def), scope, period, now);
    await this.overdueSheet(wb, scope, period, now);
    await this.rectificationSheet(wb, scope, period);
    await this.surveySheet(wb, scope, period);
    await wb.commit();
  }

  private async indicatorSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, i: number, def: IndicatorDefinition, v: IndicatorValue, scope: IndicatorScope, period: EvidencePeriod, now: Date) {
    const ws = sheet(wb, sheetName(i, def.name), [
      { header: '类别', key: 'kind', width: 12 },
      { header: '编号', key: 'trackingNo', width: 22 },
      { header: '事项', key: 'title', width: 40 },
      { header: '日期', key: 'date', width: 12 },
      { header: '计入分子', key: 'counted', width: 10 },
      { header: '说明', key: 'note', width: 48 },
    ]);
    ws.addRow({ kind: '数值', trackingNo: figureText(def, v.value), title: `分子 ${v.numerator} / 分母 ${v.denominator}；目标 ${targetText(def)}；${INDICATOR_STATUS_LABELS[v.status]}` }).commit();
    let offset = 0;
    let total = 0;
    for (;;) {
      const page = await computeIndicatorRecords(this.prisma, { code: def.code, ...period, groupBy: 'district', key: 'all', limit: RECORD_PAGE, offset }, scope, { now });
      total = page.total;
      for (const r of page.items) {
        ws.addRow({ kind: KIND_LABELS[r.kind], trackingNo: r.trackingNo ?? '', title: r.title, date: r.date, counted: r.counted ? '是' : '否', note: r.note }).commit();
      }
      offset += page.items.length;
      if (page.items.length < RECORD_PAGE || offset >= Math.min(total, RECORDS_PER_SHEET)) break;
    }
    if (total === 0) ws.addRow({ title: '本统计区间内没有记录' }).commit();
    if (total > offset) ws.addRow({ title: `共 ${total} 条记录，此表列出前 ${offset} 条；其余可在数据看板的指标明细中查看` }).commit();
    ws.commit();
  }

  /** 超期事项: deadlines due in the period that were met late or are still open past their due day. */
  private async overdueSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, scope: IndicatorScope, period: EvidencePeriod, now: Date) {
    const ws = sheet(wb, '超期事项', [
      { header: '编号', key: 'trackingNo', width: 22 },
      { header: '时限', key: 'kind', width: 16 },
      { header: '起算日', key: 'start', width: 12 },
      { header: '到期日', key: 'due', width: 12 },
      { header: '完成时间', key: 'met', width: 18 },
      { header: '超期情况', key: 'state', width: 16 },
      { header: '经营主体', key: 'business', width: 28 },
      { header: '监管所', key: 'office', width: 16 },
      { header: '包保干部', key: 'cadre', width: 12 },
    ]);
    const today = shanghaiDate(now);
    const where = {
      state: { in: ['OPEN', 'MET'] as ('OPEN' | 'MET')[] },
      dueDate: { gte: new Date(`${period.from}T00:00:00Z`), lte: new Date(`${period.to}T00:00:00Z`) },
      ...(scope.kind === 'office' ? { complaint: { officeId: scope.officeId } } : {}),
    };
    let cursor = 0;
    let rows = 0;
    for (;;) {
      const batch = await this.prisma.deadline.findMany({
        where: { ...where, id: { gt: cursor } },
        orderBy: { id: 'asc' },
        take: DB_PAGE,
        include: { complaint: { select: { trackingNo: true, businessName: true, business: { select: { name: true } }, office: { select: { name: true } }, cadre: { select: { name: true } } } } },
      });
      for (const d of batch) {
        const due = dbDate(d.dueDate);
        const late = d.state === 'MET' ? d.metAt !== null && d.metAt.getTime() >= deadlineEnd(due).getTime() : due < today;
        if (!late) continue;
        rows++;
        ws.addRow({
          trackingNo: d.complaint.trackingNo,
          kind: DEADLINE_KIND_LABELS[d.kind],
          start: dbDate(d.startDate),
          due,
          met: instantText(d.metAt),
          state: d.state === 'MET' ? '逾期完成' : '超期未完成',
          business: d.complaint.business?.name ?? d.complaint.businessName ?? '',
          office: d.complaint.office?.name ?? '',
          cadre: d.complaint.cadre?.name ?? '',
        }).commit();
      }
      if (batch.length < DB_PAGE) break;
      cursor = batch[batch.length - 1]!.id;
    }
    if (rows === 0) ws.addRow({ trackingNo: '本统计区间内没有超期事项' }).commit();
    ws.commit();
  }

  /** 差评整改: each 差评 given in the period with its rectification, callbacks, what was done and the second rating. */
  private async rectificationSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, scope: IndicatorScope, period: EvidencePeriod) {
    const ws = sheet(wb, '差评整改', [
      { header: '编号', key: 'trackingNo', width: 22 },
      { header: '评价时间', key: 'ratedAt', width: 18 },
      { header: '评价', key: 'level', width: 12 },
      { header: '评价内容', key: 'comment', width: 30 },
      { header: '整改状态', key: 'state', width: 10 },
      { header: '整改期限', key: 'due', width: 12 },
      { header: '回访记录', key: 'callbacks', width: 48 },
      { header: '整改措施', key: 'action', width: 40 },
      { header: '完成时间', key: 'completed', width: 18 },
      { header: '再次评价', key: 'second', width: 20 },
    ]);
    const where = {
      rating: { createdAt: { gte: new Date(`${period.from}T00:00:00+08:00`), lt: deadlineEnd(period.to) } },
      ...(scope.kind === 'office' ? { officeId: scope.officeId } : {}),
    };
    let cursor = 0;
    let rows = 0;
    for (;;) {
      const batch = await this.prisma.rectification.findMany({
        where: { ...where, id: { gt: cursor } },
        orderBy: { id: 'asc' },
        take: DB_PAGE,
        include: {
          rating: true,
          deadline: { select: { dueDate: true } },
          callbacks: { orderBy: { calledAt: 'asc' } },
          complaint: { select: { trackingNo: true, ratings: { where: { round: 2 }, select: { level: true, createdAt: true, comment: true } } } },
        },
      });
      const callers = new Map(
        (await this.prisma.user.findMany({ where: { id: { in: [...new Set(batch.flatMap((r) => r.callbacks.map((c) => c.byUserId)))] } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]),
      );
      for (const r of batch) {
        rows++;
        const second = r.complaint.ratings[0];
        ws.addRow({
          trackingNo: r.complaint.trackingNo,
          ratedAt: instantText(r.rating.createdAt),
          level: `${r.rating.level} ${RATING_LEVEL_LABELS[r.rating.level as RatingLevel] ?? ''}`,
          comment: [r.rating.tags.join('、'), r.rating.comment ?? ''].filter(Boolean).join('；'),
          state: RECTIFICATION_STATE_LABELS[r.state],
          due: dbDate(r.deadline.dueDate),
          callbacks:
            r.callbacks.map((c) => `${instantText(c.calledAt)} ${callers.get(c.byUserId) ?? ''} ${c.reached ? '已联系上' : '未联系上'}${c.reporterSaid ? `：${c.reporterSaid}` : ''}`).join('\n') || '无回访记录',
          action: r.actionTaken ?? '',
          completed: instantText(r.completedAt),
          second: second ? `${second.level} ${RATING_LEVEL_LABELS[second.level as RatingLevel] ?? ''}（${shanghaiDate(second.createdAt)}）` : '未再次评价',
        }).commit();
      }
      if (batch.length < DB_PAGE) break;
      cursor = batch[batch.length - 1]!.id;
    }
    if (rows === 0) ws.addRow({ trackingNo: '本统计区间内没有差评' }).commit();
    ws.commit();
  }

  /** 满意度测评: each survey overlapping the period, its figures for the district and by street (an office: its streets). */
  private async surveySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, scope: IndicatorScope, period: EvidencePeriod) {
    const ws = sheet(wb, '满意度测评', [
      { header: '测评', key: 'survey', width: 30 },
      { header: '范围', key: 'unit', width: 16 },
      { header: '样本数', key: 'n', width: 8 },
      { header: '满意度指数', key: 'index', width: 10 },
      { header: '满意率', key: 'rate', width: 10 },
      { header: '95% 置信区间', key: 'ci', width: 18 },
      { header: '非常满意和满意占比', key: 'top2', width: 12 },
      { header: '知晓率', key: 'awareness', width: 10 },
      { header: '支持率', key: 'support', width: 10 },
      { header: '结论', key: 'status', width: 20 },
    ]);
    const surveys = await this.prisma.survey.findMany({
      where: { from: { lte: new Date(`${period.to}T00:00:00Z`) }, to: { gte: new Date(`${period.from}T00:00:00Z`) } },
      orderBy: { from: 'asc' },
      select: { id: true, title: true, from: true, to: true },
    });
    const ownStreets = scope.kind === 'office' ? new Set((await this.prisma.street.findMany({ where: { officeId: scope.officeId }, select: { id: true } })).map((s) => String(s.id))) : null;
    const put = (title: string, r: SurveyResultRow) =>
      ws.addRow({
        survey: title,
        unit: r.label,
        n: r.n,
        index: r.index === null ? '—' : r.index.toFixed(1),
        rate: shareText(r.satisfactionRate),
        ci: r.ci ? `${shareText(r.ci[0])}～${shareText(r.ci[1])}` : '—',
        top2: shareText(r.top2Rate),
        awareness: shareText(r.awareness),
        support: shareText(r.support),
        status: SURVEY_STATUS_LABELS[r.status],
      }).commit();
    for (const s of surveys) {
      const title = `${s.title}（${dbDate(s.from)} 至 ${dbDate(s.to)}）`;
      if (!ownStreets) for (const r of (await this.surveys.results(s.id, 'district')).rows) put(title, r);
      for (const r of (await this.surveys.results(s.id, 'street')).rows) if (!ownStreets || ownStreets.has(r.key)) put(title, r);
    }
    if (surveys.length === 0) ws.addRow({ survey: '本统计区间内没有满意度测评' }).commit();
    ws.commit();
  }
}

const KIND_LABELS: Record<string, string> = { COMPLAINT: '投诉举报', RATING: '评价', RECTIFICATION: '差评整改', PENALTY: '行政处罚', SAMPLING: '抽检批次', BUSINESS: '经营主体' };
