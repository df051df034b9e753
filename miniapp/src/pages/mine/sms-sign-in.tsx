import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { smsCodeRequest, smsLoginRequest, type ErrorCode, type SmsCodeResponse } from '@sa/contracts';
import { ApiError, requestSignInCode } from '../../api';
import { pressable } from '../../components/pressable';
import { notify } from '../../components/notify';
import { errorMessage, showError } from '../../components/show-error';
import { signInWithSms } from '../../session/session';
import './sms-sign-in.css';

type Field = 'phone' | 'code' | 'form';
type Errors = Partial<Record<Field, string>>;

// Which field a server refusal is about, so its message shows beside what to correct.
const PHONE_ERRORS: readonly (ErrorCode | string)[] = ['SMS_CODE_TOO_SOON', 'SMS_DAILY_LIMIT', 'PHONE_LINKED_ELSEWHERE'];
const CODE_ERRORS: readonly (ErrorCode | string)[] = ['SMS_CODE_INVALID'];

function fieldOf(error: unknown, fallback: Field): Field {
  if (!(error instanceof ApiError)) return fallback;
  if (PHONE_ERRORS.includes(error.code)) return 'phone';
  if (CODE_ERRORS.includes(error.code)) return 'code';
  const detail = error.details[0]?.path;
  if (detail === 'phone' || detail === 'code') return detail;
  return fallback;
}

// The mini-program's number keyboard; on h5 a text field with a numeric keypad, since type=number would drop the
// spaces and +86 people type and ignore maxlength.
const numericType = () => (process.env.TARO_ENV === 'weapp' ? 'number' : 'text');

const secondsUntil = (until: number | null) => (until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000)));

/** Seconds left until `until`, ticking once a second while there are some. */
function useCountdown(until: number | null): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(until));
  useEffect(() => {
    setSeconds(secondsUntil(until));
    if (until === null) return undefined;
    const timer = setInterval(() => {
      const next = secondsUntil(until);
      setSeconds(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return seconds;
}

export type SmsCodeFormProps = {
  /** class prefix of the fields and buttons, e.g. `sms` → .sms-phone, .sms-send, .sms-code, .sms-submit */
  name: string;
  submitLabel: string;
  requestCode: (phone: string) => Promise<SmsCodeResponse>;
  submit: (phone: string, code: string) => Promise<unknown>;
  success: string;
};

/**
 * The two steps of an SMS code: 手机号 + 获取验证码 (then a 60 s countdown), 验证码 + the submit button. Enter in the
 * number asks for the code, Enter in the code submits. Each error shows beside the field it is about.
 */
export function SmsCodeForm(props: SmsCodeFormProps) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [demo, setDemo] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const wait = useCountdown(resendAt);

  const fail = (error: unknown, fallback: Field) => {
    setErrors({ [fieldOf(error, fallback)]: errorMessage(error) });
    showError(error);
  };

  const sendCode = async () => {
    if (sending || wait > 0) return;
    const parsed = smsCodeRequest.safeParse({ phone });
    if (!parsed.success) {
      setErrors({ phone: parsed.error.issues[0]?.message ?? '请输入 11 位手机号码' });
      return;
    }
    setSending(true);
    setErrors({});
    try {
      const reply = await props.requestCode(parsed.data.phone);
      setResendAt(Date.now() + reply.resendAfterSeconds * 1000);
      setDemo(reply.demo);
      setSentTo(parsed.data.phone);
      notify('验证码已发送', 'success');
    } catch (error) {
      fail(error, 'phone');
    } finally {
      setSending(false);
    }
  };

  const submit = async () => {
    if (submitting) return;
    const parsed = smsLoginRequest.safeParse({ phone, code });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setErrors({ [issue?.path[0] === 'phone' ? 'phone' : 'code']: issue?.message ?? '请检查填写的内容' });
      return;
    }
    setSubmitting(true);
    setErrors({});
    try {
      await props.submit(parsed.data.phone, parsed.data.code);
      setCode('');
      notify(props.success, 'success');
    } catch (error) {
      fail(error, 'form');
    } finally {
      setSubmitting(false);
    }
  };

  const sendLabel = wait > 0 ? `${wait} 秒后可重新获取` : sentTo ? '重新获取验证码' : '获取验证码';
  return (
    <View className='sms-form'>
      <View className='labelled-field'>
        <Text className='field-label'>手机号</Text>
        <View className='sms-phone-row'>
          <Input
            className={`field sms-phone-input ${props.name}-phone`}
            type={numericType()}
            maxlength={20}
            value={phone}
            placeholder='11 位手机号码'
            confirmType='send'
            nativeProps={{
              'aria-label': '手机号',
              autocomplete: 'tel',
              inputMode: 'tel',
              'aria-invalid': errors.phone ? 'true' : 'false',
              'aria-describedby': errors.phone ? `${props.name}-phone-error` : undefined,
            }}
            onInput={(event) => setPhone(event.detail.value)}
            onConfirm={() => void sendCode()}
          />
          <Button
            className={`btn-plain sms-send ${props.name}-send`}
            loading={sending}
            disabled={wait > 0}
            aria-disabled={wait > 0 ? 'true' : 'false'}
            aria-live='polite'
            {...pressable(() => void sendCode())}
          >
            {sendLabel}
          </Button>
        </View>
        {errors.phone && (
          <View className='field-error' id={`${props.name}-phone-error`} role='alert'>
            {errors.phone}
          </View>
        )}
      </View>
      {sentTo && (
        <View className='sms-sent muted' role='status'>
          验证码已发送至 {sentTo.slice(0, 3)}****{sentTo.slice(-4)}，5 分钟内有效。
          {demo && <View className='sms-demo-hint'>演示环境未接入短信平台，验证码已写入服务器日志</View>}
        </View>
      )}
      <View className='labelled-field'>
        <Text className='field-label'>验证码</Text>
        <Input
          className={`field ${props.name}-code`}
          type={numericType()}
          maxlength={6}
          value={code}
          placeholder='6 位验证码'
          confirmType='go'
          nativeProps={{
            'aria-label': '验证码',
            autocomplete: 'one-time-code',
            inputMode: 'numeric',
            'aria-invalid': errors.code ? 'true' : 'false',
            'aria-describedby': errors.code ? `${props.name}-code-error` : undefined,
          }}
          onInput={(event) => setCode(event.detail.value)}
          onConfirm={() => void submit()}
        />
        {errors.code && (
          <View className='field-error' id={`${props.name}-code-error`} role='alert'>
            {errors.code}
          </View>
        )}
      </View>
      {errors.form && (
        <View className='field-error' role='alert'>
          {errors.form}
        </View>
      )}
      <Button className={`btn-primary sms-submit ${props.name}-submit`} loading={submitting} {...pressable(() => void submit())}>
        {props.submitLabel}
      </Button>
    </View>
  );
}

/** h5 手机号验证码登录 for residents without WeChat; the first sign-in of a number creates its account. */
export function SmsSignIn() {
  return (
    <View className='card sms-sign-in'>
      <View className='card-title'>手机号验证码登录</View>
      <View className='muted'>群众和社会监督员可用手机号登录，首次登录自动注册。工作人员请使用下方的工作账号登录。</View>
      <SmsCodeForm name='sms' submitLabel='登录' success='登录成功' requestCode={requestSignInCode} submit={signInWithSms} />
    </View>
  );
}
