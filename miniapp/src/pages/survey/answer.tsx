import { useEffect, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  LIKERT_LABELS,
  type AreasTree,
  type Me,
  type SurveyQuestionView,
  type SurveyView,
} from '@sa/contracts';
import { ApiError, fetchAreas } from '../../api';
import { fetchOpenSurveys, fetchSurvey, submitSurveyResponse } from '../../api/surveys';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';
import { focusSoon } from '../../components/focus-soon';
import { LoadError } from '../../components/load-error';
import { pressable, pressableAs } from '../../components/pressable';
import { isStaffRole } from '../../components/staff-nav';
import { errorMessage, showError } from '../../components/show-error';
import { signInWithWechat, useSession } from '../../session/session';
import { checkAnswerForm, emptyAnswerForm, type Answer, type AnswerErrors, type AnswerForm } from './answer-check';
import { OptionGroup, type Option } from './option-group';
import { surveyPeriod, surveyScope } from './survey-text';
import './survey.css';

type Street = AreasTree['offices'][number]['streets'][number];

const LIKERT_OPTIONS: Option<number>[] = [5, 4, 3, 2, 1].map((level) => ({ value: level, label: LIKERT_LABELS[level]! }));
const YES_NO_OPTIONS: Option<boolean>[] = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];
const AGE_OPTIONS: Option<(typeof AGE_BANDS)[number]>[] = AGE_BANDS.map((band) => ({ value: band, label: AGE_BAND_LABELS[band] }));
const TEXT_MAX = 1000;

type Loaded = { survey: SurveyView; streets: Street[]; answered: boolean };

/** 参加满意度测评: street, community and age band, then each question; once per campaign and identity. */
export default function SurveyAnswerPage() {
  const elder = useElderPageClass();
  const id = Number(useRouter().params.id);
  const session = useSession();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signedInAs = session.status === 'signed-in' ? session.me.id : null;

  const load = () => {
    setError(null);
    if (!Number.isInteger(id) || id <= 0) {
      setError('测评不存在，请从测评列表进入');
      return;
    }
    Promise.all([fetchSurvey(id), fetchAreas(), signedInAs !== null ? fetchOpenSurveys() : Promise.resolve([])])
      .then(([survey, areas, open]) => {
        const all = areas.offices.flatMap((o) => o.streets);
        const allowed = survey.streets.length === 0 ? all : all.filter((s) => survey.streets.some((r) => r.id === s.id));
        setLoaded({ survey, streets: allowed, answered: open.some((o) => o.id === id && o.answered) });
      })
      .catch((failure: unknown) => setError(errorMessage(failure)));
  };
  // Again after a sign-in: whether this identity has answered is the server's to say.
  useEffect(load, [id, signedInAs]);

  return (
    <View className={`page survey${elder}`}>
      <ElderPageNotice />
      <View className='survey-frame'>
        <LoadError message={error} onRetry={load} />
        {loaded === null && error === null && <View className='hint'>正在加载…</View>}
        {loaded && (
          <>
            <View className='card'>
              <View className='survey-title' role='heading' aria-level={1}>
                {loaded.survey.title}
              </View>
              <View className='survey-meta'>{surveyPeriod(loaded.survey)}</View>
              <View className='survey-meta'>{surveyScope(loaded.survey)}</View>
              {loaded.survey.description && <View className='survey-description'>{loaded.survey.description}</View>}
            </View>
            <Participation loaded={loaded} />
          </>
        )}
      </View>
    </View>
  );
}

/** Who may answer: a resident or volunteer with an identity the server can count once (WeChat, or a verified phone on h5). */
function Participation({ loaded }: { loaded: Loaded }) {
  const session = useSession();
  if (loaded.answered) return <Answered />;
  if (session.status === 'loading') return <View className='card hint'>正在登录…</View>;
  if (session.status === 'guest') return <SignInFirst />;
  if (isStaffRole(session.me.role)) return <View className='card hint survey-staff'>工作人员账号不能参加居民满意度测评。</View>;
  if (process.env.TARO_ENV !== 'weapp' && session.me.phoneMasked === null) return <VerifyPhoneFirst me={session.me} />;
  return <AnswerSheet loaded={loaded} />;
}

const goMine = () => void Taro.switchTab({ url: '/pages/mine/index' });

function SignInFirst() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (process.env.TARO_ENV === 'weapp') {
    const login = async () => {
      if (busy) return;
      setBusy(true);
      setError(null);
      try {
        await signInWithWechat();
      } catch (failure) {
        setError(errorMessage(failure));
      } finally {
        setBusy(false);
      }
    };
    return (
      <View className='card survey-gate' role='region' aria-label='登录后参加'>
        <View className='card-title'>登录后参加测评</View>
        <View className='muted'>每次测评每人参加一次，以微信身份计数，答卷不公开您的身份。</View>
        {error && (
          <View className='field-error' role='alert'>
            {error}
          </View>
        )}
        <Button className='btn-primary survey-action survey-wechat-login' loading={busy} {...pressable(() => void login())}>
          微信一键登录
        </Button>
      </View>
    );
  }
  return (
    <View className='card survey-gate' role='region' aria-label='登录后参加'>
      <View className='card-title'>请先用手机号验证码登录</View>
      <View className='muted'>每次测评每人参加一次，以验证过的手机号计数，答卷不公开您的身份。</View>
      <View className='link survey-action survey-sign-in' {...pressableAs('link', goMine)}>
        前往“我的”手机号验证码登录
      </View>
    </View>
  );
}

function VerifyPhoneFirst({ me }: { me: Me }) {
  return (
    <View className='card survey-gate' role='region' aria-label='验证手机号后参加'>
      <View className='card-title'>请先验证手机号</View>
      <View className='muted'>{me.displayName}，网页版参加测评须用验证过的手机号，每个号码参加一次。请在“我的”绑定手机号或用手机号验证码登录。</View>
      <View className='link survey-action survey-sign-in' {...pressableAs('link', goMine)}>
        前往“我的”验证手机号
      </View>
    </View>
  );
}

/**
 * Back to the list this page was opened from, which reloads and now says 已参与; opened from a link, there is none
 * below, and the list takes this page's place. (Always redirecting left a second, stale list under the new one.)
 */
export function backToSurveys() {
  const pages = Taro.getCurrentPages();
  const below = pages.length > 1 ? pages[pages.length - 2]?.route?.replace(/^\//, '').split('?')[0] : undefined;
  if (below === 'pages/survey/index') void Taro.navigateBack();
  else void Taro.redirectTo({ url: '/pages/survey/index' });
}

function Answered({ justNow = false }: { justNow?: boolean }) {
  const back = backToSurveys;
  return (
    <View className='card survey-thanks' role='status' {...{ tabIndex: -1 }}>
      <View className='survey-thanks-title'>{justNow ? '提交成功，感谢您的参与！' : '您已参加过本次测评'}</View>
      <View>{justNow ? '您的意见将作为区食安办改进食品安全工作的依据。' : '每次测评每人参加一次。感谢您的参与，您的意见将作为区食安办改进食品安全工作的依据。'}</View>
      <View className='link survey-action' {...pressableAs('link', back)}>
        返回测评列表
      </View>
    </View>
  );
}

/** Server refusals by field: VALIDATION details (answers.Q1 → Q1), the street by its code, the rest for the form. */
function serverErrors(failure: unknown): AnswerErrors {
  const errors: AnswerErrors = {};
  if (failure instanceof ApiError) {
    for (const detail of failure.details) {
      const [first, second] = detail.path.split('.');
      const field = first === 'answers' && second ? second : first || 'form';
      errors[field] ??= detail.message;
    }
    if (failure.code === 'SURVEY_NOT_FOR_STREET') errors.streetId ??= failure.message;
  }
  if (Object.keys(errors).length === 0) errors.form = errorMessage(failure);
  else errors.form ??= errorMessage(failure);
  return errors;
}

function AnswerSheet({ loaded }: { loaded: Loaded }) {
  const { survey, streets } = loaded;
  const [form, setForm] = useState<AnswerForm>(emptyAnswerForm);
  const [errors, setErrors] = useState<AnswerErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'sent' | 'already' | null>(null);
  const street = streets.find((s) => s.id === form.streetId);

  const answer = (code: string, value: Answer) => {
    setForm((f) => ({ ...f, answers: { ...f.answers, [code]: value } }));
    setErrors(({ [code]: _, ...rest }) => rest);
  };

  const submit = async () => {
    if (busy) return;
    const checked = checkAnswerForm(survey, form);
    if ('errors' in checked) {
      setErrors(checked.errors);
      focusSoon('.survey-invalid [tabindex="0"], .survey-invalid textarea', { scroll: true });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await submitSurveyResponse(survey.id, checked.input);
      setDone('sent');
      focusSoon('.survey-thanks');
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'SURVEY_ALREADY_ANSWERED') {
        setDone('already');
        focusSoon('.survey-thanks');
      } else {
        setErrors(serverErrors(failure));
        showError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  if (done) return <Answered justNow={done === 'sent'} />;

  const missing = Object.keys(errors).filter((k) => k !== 'form').length;
  return (
    <View className='card survey-sheet' role='form' aria-label='答卷'>
      <View className='card-title'>基本情况</View>
      <View className={errors.streetId ? 'survey-invalid' : ''}>
        <View className='field-label'>
          您居住的街道<TextRequired />
        </View>
        <OptionGroup
          group='survey-street'
          label='您居住的街道'
          required
          options={streets.map((s) => ({ value: s.id, label: s.name }))}
          value={form.streetId}
          onChange={(streetId) => {
            setForm((f) => ({ ...f, streetId, communityId: f.streetId === streetId ? f.communityId : null }));
            setErrors(({ streetId: _, ...rest }) => rest);
          }}
          error={errors.streetId}
        />
      </View>
      {street && street.communities.length > 0 && (
        <View>
          <View className='field-label'>您居住的社区（可不选）</View>
          <OptionGroup
            group='survey-community'
            label='您居住的社区（可不选）'
            options={[{ value: 0, label: '不清楚' }, ...street.communities.map((c) => ({ value: c.id, label: c.name }))]}
            value={form.communityId ?? 0}
            onChange={(communityId) => setForm((f) => ({ ...f, communityId: communityId === 0 ? null : communityId }))}
            error={errors.communityId}
          />
        </View>
      )}
      <View className={errors.ageBand ? 'survey-invalid' : ''}>
        <View className='field-label'>
          您的年龄段<TextRequired />
        </View>
        <OptionGroup
          group='survey-age'
          label='您的年龄段'
          required
          options={AGE_OPTIONS}
          value={form.ageBand}
          onChange={(ageBand) => {
            setForm((f) => ({ ...f, ageBand }));
            setErrors(({ ageBand: _, ...rest }) => rest);
          }}
          error={errors.ageBand}
        />
      </View>

      <View className='card-title survey-questions-title'>测评题目</View>
      {survey.questions.map((q, i) => (
        <Question key={q.id} question={q} index={i} value={form.answers[q.code]} error={errors[q.code]} onAnswer={(v) => answer(q.code, v)} />
      ))}

      {missing > 0 && (
        <View className='field-error survey-missing' role='alert'>
          还有 {missing} 处未填写，请按红色提示补充后再提交。
        </View>
      )}
      {errors.form && (
        <View className='field-error survey-form-error' role='alert'>
          {errors.form}
        </View>
      )}
      <Button className='btn-primary survey-submit' loading={busy} {...pressable(() => void submit())}>
        提交答卷
      </Button>
    </View>
  );
}

function TextRequired() {
  return <Text className='survey-required'>（必答）</Text>;
}

function Question({
  question,
  index,
  value,
  error,
  onAnswer,
}: {
  question: SurveyQuestionView;
  index: number;
  value: Answer | undefined;
  error?: string;
  onAnswer: (value: Answer) => void;
}) {
  const required = question.kind !== 'TEXT';
  const label = `第 ${index + 1} 题：${question.text}`;
  const group = `survey-q-${question.code}`;
  return (
    <View className={`survey-question ${group}-box${error ? ' survey-invalid' : ''}`}>
      <View className='survey-question-text'>
        {label}
        {required ? <TextRequired /> : <Text className='survey-meta'>（选答）</Text>}
      </View>
      {question.kind === 'LIKERT5' && (
        <OptionGroup group={group} label={label} required options={LIKERT_OPTIONS} value={typeof value === 'number' ? value : null} onChange={onAnswer} error={error} />
      )}
      {question.kind === 'YES_NO' && (
        <OptionGroup group={group} label={label} required options={YES_NO_OPTIONS} value={typeof value === 'boolean' ? value : null} onChange={onAnswer} error={error} />
      )}
      {question.kind === 'TEXT' && (
        <View>
          <Textarea
            className={`field textarea survey-textarea ${group}`}
            value={typeof value === 'string' ? value : ''}
            maxlength={TEXT_MAX}
            placeholder='请写下您的意见或建议'
            nativeProps={{ 'aria-label': label, 'aria-invalid': error ? 'true' : undefined }}
            onInput={(event) => onAnswer(event.detail.value)}
          />
          <View className='survey-meta'>
            {typeof value === 'string' ? value.length : 0}/{TEXT_MAX}
          </View>
          {error && <View className='field-error'>{error}</View>}
        </View>
      )}
    </View>
  );
}
