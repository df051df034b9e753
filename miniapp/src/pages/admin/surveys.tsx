import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { SURVEY_QUESTION_ROLE_LABELS, SURVEY_QUESTION_ROLES, type SurveyQuestionRole, type SurveyView } from '@sa/contracts';
import { createSurvey, fetchAdminSurveys } from '../../api/surveys';
import { focusSoon } from '../../components/focus-soon';
import { pressable } from '../../components/pressable';
import { WbDate } from '../../components/wb-field';
import { ApiError } from '../../api';
import { errorMessage } from '../../components/show-error';
import { AdminShell } from './admin-shell';
import { checkDraft, emptyDraft, newQuestion, type DraftErrors, type DraftQuestion, type SurveyDraft } from './survey-form';
import { KIND_LABELS, surveyPeriodText, surveyStateLabel } from './survey-labels';
import { Action, Choice, Failed, Notice, PagedList, Toggle, TextField, useAreas, usePagedList, type Areas } from './ui';
import '../../components/wb-staff.css';
import './survey.css';

const LIMIT = 20;

const KIND_OPTIONS = (['LIKERT5', 'YES_NO', 'TEXT'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] }));
const ROLE_OPTIONS: { value: SurveyQuestionRole | 'NONE'; label: string }[] = [
  { value: 'NONE', label: '普通题' },
  ...SURVEY_QUESTION_ROLES.map((r) => ({ value: r, label: SURVEY_QUESTION_ROLE_LABELS[r] })),
];

const openSurvey = (id: number) => void Taro.navigateTo({ url: `/pages/admin/survey?id=${id}` });

/** Server refusals by path (questions.2.code stays whole); anything else is for the whole form. */
function serverErrors(failure: unknown): DraftErrors {
  const errors: DraftErrors = {};
  if (failure instanceof ApiError) {
    for (const detail of failure.details) {
      const parts = detail.path.split('.');
      const key = parts[0] === 'questions' && parts.length >= 3 ? parts.slice(0, 3).join('.') : parts[0] || 'form';
      errors[key] ??= detail.message;
    }
  }
  errors.form ??= errorMessage(failure);
  return errors;
}

function QuestionEditor({
  question,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  question: DraftQuestion;
  index: number;
  count: number;
  errors: DraftErrors;
  onChange: (q: DraftQuestion) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}) {
  const at = (field: string) => errors[`questions.${index}.${field}`];
  const set = <K extends keyof DraftQuestion>(key: K, value: DraftQuestion[K]) => onChange({ ...question, [key]: value });
  const n = index + 1;
  return (
    <View className={`survey-q-edit survey-q-edit-${question.key}`} role='group' aria-label={`第 ${n} 题`}>
      <View className='survey-q-edit-head'>
        <Text className='admin-row-title'>第 {n} 题</Text>
        <View className='admin-actions'>
          <Action kind='plain' className='survey-q-up' disabled={index === 0} onPress={() => onMove(-1)} label={`第 ${n} 题上移`}>
            上移
          </Action>
          <Action kind='plain' className='survey-q-down' disabled={index === count - 1} onPress={() => onMove(1)} label={`第 ${n} 题下移`}>
            下移
          </Action>
          <Action kind='danger' className='survey-q-remove' disabled={count === 1} onPress={onRemove} label={`删除第 ${n} 题`}>
            删除
          </Action>
        </View>
      </View>
      <View className='survey-q-edit-fields'>
        <TextField label={`第 ${n} 题编号（导入文件的列名）`} className={`survey-q-code survey-q-code-${index}`} value={question.code} maxlength={20} onChange={(v) => set('code', v)} error={at('code')} />
        <TextField label={`第 ${n} 题题目`} className={`survey-q-text survey-q-text-${index}`} value={question.text} maxlength={200} onChange={(v) => set('text', v)} error={at('text')} />
      </View>
      <Choice
        label={`第 ${n} 题题型`}
        className={`survey-q-kind-${index}`}
        options={KIND_OPTIONS}
        value={question.kind}
        onChange={(kind) => onChange({ ...question, kind, weight: kind === 'LIKERT5' ? question.weight || '1' : '' })}
        error={at('kind')}
      />
      {question.kind === 'LIKERT5' && (
        <TextField
          label={`第 ${n} 题权重（计算满意度指数，默认 1）`}
          className={`survey-q-weight survey-q-weight-${index}`}
          value={question.weight}
          maxlength={6}
          onChange={(v) => set('weight', v)}
          error={at('weight')}
        />
      )}
      <Choice
        label={`第 ${n} 题用途`}
        className={`survey-q-role-${index}`}
        options={ROLE_OPTIONS}
        value={question.role ?? 'NONE'}
        onChange={(role) => set('role', role === 'NONE' ? null : role)}
        error={at('role')}
      />
    </View>
  );
}

function CreateSurveyForm({ areas, onCreated, onCancel }: { areas: Areas | null; onCreated: (id: number, title: string) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<SurveyDraft>(emptyDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SurveyDraft>(key: K, value: SurveyDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setQuestions = (change: (qs: DraftQuestion[]) => DraftQuestion[]) => {
    setDraft((d) => ({ ...d, questions: change(d.questions) }));
    // Paths are by position: after a change they would point at the wrong question.
    setErrors(({ form, title, from, to, streetIds, minSample, target }) =>
      Object.fromEntries(Object.entries({ form, title, from, to, streetIds, minSample, target }).filter((e): e is [string, string] => e[1] !== undefined)),
    );
  };

  const move = (index: number, step: -1 | 1) => {
    const key = draft.questions[index]!.key;
    setQuestions((qs) => {
      const next = [...qs];
      const [moved] = next.splice(index, 1);
      next.splice(index + step, 0, moved!);
      return next;
    });
    // The keyboard user stays with the question they moved.
    focusSoon(`.survey-q-edit-${key} .survey-q-${step === -1 ? 'up' : 'down'}[tabindex="0"], .survey-q-edit-${key} .survey-q-code input`);
  };
  const add = () => {
    const used = new Set(draft.questions.map((q) => q.code.toUpperCase()));
    let n = draft.questions.length + 1;
    while (used.has(`Q${n}`)) n++;
    const q = newQuestion({ code: `Q${n}` });
    setQuestions((qs) => [...qs, q]);
    focusSoon(`.survey-q-edit-${q.key} .survey-q-text input`);
  };
  const remove = (index: number) => {
    setQuestions((qs) => qs.filter((_, i) => i !== index));
    focusSoon('.survey-q-add');
  };
  const toggleStreet = (id: number) =>
    set('streetIds', draft.streetIds.includes(id) ? draft.streetIds.filter((s) => s !== id) : [...draft.streetIds, id]);

  const save = async () => {
    if (busy) return;
    const checked = checkDraft(draft);
    if ('errors' in checked) {
      setErrors(checked.errors);
      focusSoon('.survey-form-errors');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { id } = await createSurvey(checked.input);
      onCreated(id, checked.input.title);
    } catch (failure) {
      setErrors(serverErrors(failure));
      focusSoon('.survey-form-errors');
    } finally {
      setBusy(false);
    }
  };

  const errorCount = Object.keys(errors).filter((k) => k !== 'form').length;
  return (
    <View className='card survey-form' role='form' aria-label='新建满意度测评'>
      <View className='card-title'>新建满意度测评</View>
      <TextField label='测评名称' className='survey-title-input' value={draft.title} maxlength={100} onChange={(v) => set('title', v)} error={errors.title} />
      <View className='admin-field'>
        <Text className='admin-label'>说明（居民答题前看到，可不填）</Text>
        <Textarea
          className='field textarea survey-description-input'
          value={draft.description}
          maxlength={1000}
          nativeProps={{ 'aria-label': '说明（居民答题前看到，可不填）' }}
          onInput={(event) => set('description', event.detail.value)}
        />
        {errors.description && <View className='field-error'>{errors.description}</View>}
      </View>
      <View className='survey-dates'>
        <WbDate label='开始日期' className='survey-from' value={draft.from} onChange={(v) => set('from', v)} error={errors.from} />
        <WbDate label='结束日期' className='survey-to' value={draft.to} onChange={(v) => set('to', v)} error={errors.to} />
      </View>
      <View className='admin-field'>
        <Text className='admin-label'>面向的居民</Text>
        <Toggle label='全区所有街道' className='survey-all-streets' checked={draft.allStreets} onChange={(v) => set('allStreets', v)} />
        {!draft.allStreets && (
          <View className='admin-toggles' role='group' aria-label='参加测评的街道'>
            {(areas?.streets ?? []).map((s) => (
              <Toggle key={s.id} label={s.name} className='survey-street' checked={draft.streetIds.includes(s.id)} onChange={() => toggleStreet(s.id)} />
            ))}
          </View>
        )}
        {errors.streetIds && <View className='field-error'>{errors.streetIds}</View>}
      </View>
      <View className='survey-figures'>
        <TextField label='最小样本量（少于此数标为样本不足）' className='survey-min-sample' value={draft.minSample} maxlength={5} onChange={(v) => set('minSample', v)} error={errors.minSample} />
        <TextField label='目标满意率（%）' className='survey-target' value={draft.target} maxlength={5} onChange={(v) => set('target', v)} error={errors.target} />
      </View>

      <View className='card-title survey-q-title'>题目（{draft.questions.length} 道）</View>
      <View className='admin-text'>五级满意度题按 5 非常满意 … 1 非常不满意作答；“总体满意度”题计算满意率，“知晓率”“支持率”题须为是否题。</View>
      {errors.questions && <View className='field-error'>{errors.questions}</View>}
      {draft.questions.map((q, i) => (
        <QuestionEditor
          key={q.key}
          question={q}
          index={i}
          count={draft.questions.length}
          errors={errors}
          onChange={(changed) => setDraft((d) => ({ ...d, questions: d.questions.map((x) => (x.key === changed.key ? changed : x)) }))}
          onMove={(step) => move(i, step)}
          onRemove={() => remove(i)}
        />
      ))}
      <Action kind='plain' className='survey-q-add' disabled={draft.questions.length >= 50} onPress={add}>
        添加题目
      </Action>

      <View className='survey-form-errors' role='alert' {...{ tabIndex: -1 }}>
        {errorCount > 0 && <View className='field-error'>有 {errorCount} 处需要修改，请按红色提示修改后再创建。</View>}
        {errors.form && <View className='field-error'>{errors.form}</View>}
      </View>
      <View className='admin-actions'>
        <Action className='survey-save' onPress={() => void save()} disabled={busy}>
          {busy ? '正在创建…' : '创建测评'}
        </Action>
        <Action kind='plain' onPress={onCancel}>
          取消
        </Action>
      </View>
    </View>
  );
}

function SurveysScreen() {
  const { areas, error: areasError, reload: reloadAreas } = useAreas();
  const list = usePagedList<Record<string, never>, SurveyView>({}, (_f, page) => fetchAdminSurveys(page), LIMIT);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  if (creating) {
    return (
      <View>
        <Failed message={areasError} onRetry={reloadAreas} />
        <CreateSurveyForm
          areas={areas}
          onCreated={(id, title) => {
            setCreating(false);
            setMessage(`已创建测评“${title}”`);
            list.reload();
            openSurvey(id);
          }}
          onCancel={() => setCreating(false)}
        />
      </View>
    );
  }
  return (
    <View>
      <View className='admin-actions'>
        <Action className='survey-new' onPress={() => setCreating(true)}>
          新建测评
        </Action>
      </View>
      {message && <Notice>{message}</Notice>}
      <PagedList list={list} label='满意度测评' empty='还没有满意度测评。' rows='buttons'>
        {(s) => (
          <View key={s.id} className='list-item admin-pick survey-row' {...pressable(() => openSurvey(s.id))}>
            <View className='admin-row-title'>
              {s.title} <Text className={`tag survey-state survey-state-${surveyStateLabel(s).kind}`}>{surveyStateLabel(s).label}</Text>
            </View>
            <View className='admin-text'>
              {surveyPeriodText(s)} · {s.streets.length === 0 ? '全区' : s.streets.map((x) => x.name).join('、')} · 答卷 {s.responses} 份 · {s.questions.length} 道题
            </View>
          </View>
        )}
      </PagedList>
    </View>
  );
}

/** 满意度测评: the campaigns, newest first, and the form for a new one. */
export default function AdminSurveysPage() {
  return (
    <AdminShell current='/pages/admin/surveys' title='满意度测评'>
      {() => <SurveysScreen />}
    </AdminShell>
  );
}
