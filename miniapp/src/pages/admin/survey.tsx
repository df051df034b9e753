import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  SURVEY_IMPORT_COLUMNS,
  SURVEY_IMPORT_MAX_BYTES,
  SURVEY_QUESTION_ROLE_LABELS,
  SURVEY_STATUS_LABELS,
  type SurveyGroup,
  type SurveyImportRowError,
  type SurveyResultRow,
  type SurveyResults,
  type SurveyView,
} from '@sa/contracts';
import {
  deleteSurvey,
  downloadSurveyTemplate,
  fetchAdminSurvey,
  fetchSurveyResults,
  importRowErrors,
  importSurveyResponses,
  surveyTemplateFileName,
} from '../../api/surveys';
import { copyText } from '../../components/clipboard';
import { askConfirm } from '../../components/notify';
import { PrivacyConsent } from '../../components/privacy-consent';
import { errorMessage } from '../../components/show-error';
import { ensurePrivacy } from '../../wechat/privacy';
import { AdminShell } from './admin-shell';
import { KIND_LABELS, indexText, intervalText, percent, surveyPeriodText, surveyStateLabel } from './survey-labels';
import { Action, Choice, Failed, Notice } from './ui';
import './survey.css';

const GROUP_OPTIONS: { value: SurveyGroup; label: string }[] = [
  { value: 'district', label: '全区' },
  { value: 'street', label: '街道' },
  { value: 'community', label: '社区' },
];

const onH5 = () => process.env.TARO_ENV === 'h5';

function Overview({ survey, onDeleted }: { survey: SurveyView; onDeleted: () => void }) {
  const state = surveyStateLabel(survey);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    const confirmed = await askConfirm(`删除测评“${survey.title}”？删除后不可恢复。`, { title: '删除测评', confirmText: '删除' });
    if (!confirmed) return;
    try {
      await deleteSurvey(survey.id);
      onDeleted();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <View className='card survey-overview'>
      <View className='card-title'>
        {survey.title} <Text className={`tag survey-state survey-state-${state.kind}`}>{state.label}</Text>
      </View>
      <View className='admin-text'>测评时间：{surveyPeriodText(survey)}</View>
      <View className='admin-text'>面向：{survey.streets.length === 0 ? '全区所有街道' : survey.streets.map((s) => s.name).join('、')}</View>
      <View className='admin-text survey-counts'>
        已收答卷 {survey.responses} 份 · 最小样本量 {survey.minSample} 份 · 目标满意率 {percent(survey.target)}
      </View>
      {survey.description && <View className='admin-text survey-description'>{survey.description}</View>}
      <View className='survey-question-list' role='list' aria-label='题目'>
        {survey.questions.map((q, i) => (
          <View key={q.id} className='admin-text' role='listitem'>
            {i + 1}. [{q.code}] {q.text}（{KIND_LABELS[q.kind]}
            {q.kind === 'LIKERT5' && q.weight !== 1 ? `，权重 ${q.weight}` : ''}
            {q.role ? `，${SURVEY_QUESTION_ROLE_LABELS[q.role]}` : ''}）
          </View>
        ))}
      </View>
      {survey.responses === 0 && (
        <Action kind='danger' className='survey-delete' onPress={() => void remove()}>
          删除测评
        </Action>
      )}
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}

type Picked = { path: string; name: string };
type ImportOutcome = { rows: number } | { message: string; errors: SurveyImportRowError[] };

/** The server already says 第 3 行 Q1 列：…; the list shows line and column in their own cells. */
const withoutPlace = (message: string) => message.replace(/^第\s*\d+\s*行[^：]*：/, '');

/** 入户调查结果导入: pick a CSV or xlsx file, send it; a refused file lists every bad cell by line. */
function ImportCard({ survey, onImported }: { survey: SurveyView; onImported: () => void }) {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [templateNote, setTemplateNote] = useState<string | null>(null);
  const blobUrl = useRef<string | null>(null);
  const header = [...SURVEY_IMPORT_COLUMNS, ...survey.questions.map((q) => q.code)].join(',');

  useEffect(() => () => void (blobUrl.current && URL.revokeObjectURL(blobUrl.current)), []);

  const pickOnH5 = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setOutcome(null);
    if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    blobUrl.current = null;
    if (!file) return setPicked(null);
    if (file.size > SURVEY_IMPORT_MAX_BYTES) {
      setPicked(null);
      setOutcome({ message: `文件超过 ${SURVEY_IMPORT_MAX_BYTES / 1024 / 1024} MB，请拆分后分批导入`, errors: [] });
      return;
    }
    blobUrl.current = URL.createObjectURL(file);
    setPicked({ path: blobUrl.current, name: file.name });
  };

  const pickOnWeapp = async () => {
    // WeChat's privacy consent first; declined: nothing chosen, the panel below the button says so.
    if (!(await ensurePrivacy('file'))) return;
    try {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
      const file = tempFiles[0];
      if (!file) return;
      setOutcome(null);
      setPicked({ path: file.path, name: file.name });
    } catch {
      // The user closed the chat picker: nothing chosen.
    }
  };

  const send = async () => {
    if (!picked || busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await importSurveyResponses(survey.id, picked.path, picked.name);
      setOutcome({ rows: result.rows });
      onImported();
    } catch (failure) {
      setOutcome({ message: errorMessage(failure), errors: importRowErrors(failure) });
    } finally {
      setBusy(false);
    }
  };

  const template = async () => {
    setTemplateNote(null);
    try {
      const path = await downloadSurveyTemplate(survey.id);
      const fileName = surveyTemplateFileName(survey.id);
      if (onH5()) {
        const link = document.createElement('a');
        link.href = path;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTemplateNote(`已下载 ${fileName}`);
      } else {
        // A mini-program cannot save a CSV for the computer: send it to a chat and open it there.
        await Taro.shareFileMessage({ filePath: path, fileName });
      }
    } catch (failure) {
      setTemplateNote(errorMessage(failure));
    }
  };
  const copyHeader = async () => {
    setTemplateNote(null);
    if (await copyText(header)) setTemplateNote('已复制表头');
  };

  return (
    <View className='card survey-import' role='region' aria-label='导入入户调查结果'>
      <View className='card-title'>导入入户调查结果</View>
      <View className='admin-text'>
        UTF-8 编码的 CSV 或 xlsx 文件，第一行为表头：street（街道名称）、community（社区名称，可空）、ageBand（18-29、30-44、45-59 或 60+），然后每道题一列：五级满意度题填 1–5（5 = 非常满意），是否题填 是/否。有一行出错则整份文件不导入。
      </View>
      <View className='admin-text survey-header'>
        表头：<Text className='survey-header-text'>{header}</Text>
      </View>
      <View className='admin-actions'>
        <Action kind='plain' className='survey-template' onPress={() => void template()}>
          {onH5() ? '下载导入模板' : '发送导入模板到聊天'}
        </Action>
        <Action kind='plain' className='survey-copy-header' onPress={() => void copyHeader()}>
          复制表头
        </Action>
      </View>
      <PrivacyConsent purpose='clipboard' />
      {templateNote && <View className='admin-text' role='status'>{templateNote}</View>}
      {onH5() ? (
        <View className='admin-field'>
          <label className='admin-label' htmlFor={`survey-file-${survey.id}`}>
            选择文件（CSV 或 xlsx）
          </label>
          <input
            id={`survey-file-${survey.id}`}
            className='survey-file'
            type='file'
            accept='.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            onChange={pickOnH5}
          />
        </View>
      ) : (
        <Action kind='plain' className='survey-pick' onPress={() => void pickOnWeapp()}>
          从聊天记录选择文件
        </Action>
      )}
      <PrivacyConsent purpose='file' />
      {picked && <View className='admin-text'>已选择：{picked.name}</View>}
      <Action className='survey-import-send' disabled={!picked || busy} onPress={() => void send()}>
        {busy ? '正在导入…' : '导入'}
      </Action>
      {outcome && 'rows' in outcome && <Notice>已导入 {outcome.rows} 份答卷。</Notice>}
      {outcome && 'message' in outcome && <ImportErrors message={outcome.message} errors={outcome.errors} />}
    </View>
  );
}

export function ImportErrors({ message, errors }: { message: string; errors: readonly SurveyImportRowError[] }) {
  return (
    <View className='survey-import-errors' role='alert'>
      <Notice tone='warn'>{errors.length > 0 ? `导入文件有错误，整份文件未导入。请按行号修改后重新导入（共列出 ${errors.length} 处）：` : message}</Notice>
      {errors.length > 0 && (
        <View className='survey-table-scroll'>
          <View className='survey-table survey-error-table' role='table' aria-label='导入错误'>
            <View className='survey-tr survey-th' role='row'>
              <View role='columnheader'>行号</View>
              <View role='columnheader'>列</View>
              <View role='columnheader'>问题</View>
            </View>
            {errors.map((e, i) => (
              <View key={i} className='survey-tr survey-error-row' role='row'>
                <View role='cell'>第 {e.line} 行</View>
                <View role='cell'>{e.column ?? '整行'}</View>
                <View role='cell'>{withoutPlace(e.message)}</View>
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}

const COLUMNS = ['单位', '样本量', '满意度指数', '满意率', '95% 区间', '前两档占比', '知晓率', '支持率', '结论'] as const;

export function ResultsTable({ results }: { results: SurveyResults }) {
  if (results.rows.length === 0) return <View className='admin-text'>暂无可统计的单位。</View>;
  return (
    // A keyboard user scrolls the wide table from its container on a phone.
    <View className='survey-table-scroll' role='region' {...{ tabIndex: 0 }} aria-label='测评结果表，可左右滚动'>
      <View className='survey-table survey-results' role='table' aria-label='测评结果'>
        <View className='survey-tr survey-th' role='row'>
          {COLUMNS.map((c) => (
            <View key={c} role='columnheader'>
              {c}
            </View>
          ))}
        </View>
        {results.rows.map((row) => (
          <ResultRow key={row.key} row={row} minSample={results.minSample} />
        ))}
      </View>
    </View>
  );
}

function ResultRow({ row, minSample }: { row: SurveyResultRow; minSample: number }) {
  const few = row.status === 'TOO_FEW';
  return (
    <View className={`survey-tr survey-result-row${few ? ' survey-row-few' : ''}`} role='row'>
      <View role='rowheader' className='survey-unit'>
        {row.label}
      </View>
      <View role='cell'>{row.n}</View>
      <View role='cell'>{indexText(row.index)}</View>
      <View role='cell'>{percent(row.satisfactionRate)}</View>
      <View role='cell'>{intervalText(row.ci)}</View>
      <View role='cell'>{percent(row.top2Rate)}</View>
      <View role='cell'>{percent(row.awareness)}</View>
      <View role='cell'>{percent(row.support)}</View>
      <View role='cell'>
        <Text className={`survey-status survey-status-${row.status}`}>
          <Text aria-hidden='true'>{STATUS_MARKS[row.status]} </Text>
          {SURVEY_STATUS_LABELS[row.status]}
        </Text>
        {few && <View className='survey-few-note'>少于 {minSample} 份，仅供参考</View>}
      </View>
    </View>
  );
}

/** A shape beside the colour, so the status never rests on colour alone. */
const STATUS_MARKS: Record<SurveyResultRow['status'], string> = { MET: '✓', NOT_MET: '✗', UNCERTAIN: '≈', TOO_FEW: '…' };

function ResultsCard({ survey, version }: { survey: SurveyView; version: number }) {
  const [groupBy, setGroupBy] = useState<SurveyGroup>('district');
  const [results, setResults] = useState<SurveyResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [retry, setRetry] = useState(0);
  useEffect(() => {
    let stale = false;
    setError(null);
    fetchSurveyResults(survey.id, groupBy)
      .then((r) => !stale && setResults(r))
      .catch((failure: unknown) => !stale && setError(errorMessage(failure)));
    return () => {
      stale = true;
    };
  }, [survey.id, groupBy, version, retry]);
  return (
    <View className='card survey-results-card' role='region' aria-label='测评结果'>
      <View className='card-title'>测评结果</View>
      <Choice label='统计范围' options={GROUP_OPTIONS} value={groupBy} onChange={setGroupBy} className='survey-group-by' />
      <Failed message={error} onRetry={() => setRetry((n) => n + 1)} />
      {results && results.groupBy === groupBy && <ResultsTable results={results} />}
      <View className='admin-text survey-legend'>
        满意率：总体满意度题答“基本满意”及以上的比例；前两档：答“满意”“非常满意”的比例；95% 区间为满意率的 Wilson 区间。结论：区间下限达到目标 {percent(survey.target)} 为达标，区间上限低于目标为未达标，区间跨越目标为待定，样本少于 {survey.minSample} 份为样本不足。
      </View>
    </View>
  );
}

function SurveyScreen({ id }: { id: number }) {
  const [survey, setSurvey] = useState<SurveyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [deleted, setDeleted] = useState(false);
  const load = () => {
    setError(null);
    fetchAdminSurvey(id)
      .then(setSurvey)
      .catch((failure: unknown) => setError(errorMessage(failure)));
  };
  useEffect(load, [id, version]);
  const back = () => void Taro.redirectTo({ url: '/pages/admin/surveys' });

  if (deleted) {
    return (
      <View>
        <Notice>测评已删除。</Notice>
        <Action kind='plain' onPress={back}>
          返回测评列表
        </Action>
      </View>
    );
  }
  return (
    <View>
      <Action kind='plain' className='survey-back' onPress={back}>
        ‹ 全部测评
      </Action>
      <Failed message={error} onRetry={load} />
      {survey === null && error === null && <View className='hint'>正在加载…</View>}
      {survey && (
        <View>
          <View className='admin-split'>
            <View className='admin-main'>
              <Overview survey={survey} onDeleted={() => setDeleted(true)} />
            </View>
            <View className='admin-side survey-side'>
              <ImportCard survey={survey} onImported={() => setVersion((n) => n + 1)} />
            </View>
          </View>
          <ResultsCard survey={survey} version={version} />
        </View>
      )}
    </View>
  );
}

/** One 满意度测评: its questions and counts, the interview import, the results by district, street or community. */
export default function AdminSurveyPage() {
  const id = Number(useRouter().params.id);
  return (
    <AdminShell current='/pages/admin/surveys' title='满意度测评'>
      {() => (Number.isInteger(id) && id > 0 ? <SurveyScreen id={id} /> : <View className='card admin-text'>测评不存在，请从测评列表进入。</View>)}
    </AdminShell>
  );
}
