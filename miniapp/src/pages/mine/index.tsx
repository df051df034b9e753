import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ROLE_LABELS,
  VOLUNTEER_CATEGORY_LABELS,
  bindVolunteerRequest,
  passwordLoginRequest,
  type Me,
} from '@sa/contracts';
import { pressable } from '../../components/pressable';
import { ElderModeSwitch } from '../../components/elder-mode-switch';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { askConfirm, notify } from '../../components/notify';
import { isStaffRole } from '../../components/staff-nav';
import { Inbox } from './inbox';
import { MyComplaints } from './my-complaints';
import { PhoneLink } from './phone-link';
import { SmsSignIn } from './sms-sign-in';
import {
  WORKBENCH_URL,
  bindInvitationCode,
  bindWechatAsStaff,
  goToLanding,
  signInAsDemoUser,
  signInWithPassword,
  signInWithWechat,
  signOut,
  unbindWechatFromStaff,
  useSession,
} from '../../session/session';
import './index.css';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';
import { SurveyEntryCard } from '../../components/survey-entry';

// Read at render time, not import time: the same bundle never changes platform, but tests switch it.
const onWeapp = () => process.env.TARO_ENV === 'weapp';

/** Runs a user action once at a time; a failure is shown as a toast and kept for the form to show beside it. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, success?: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      if (success) notify(success, 'success');
    } catch (failure) {
      setError(errorMessage(failure));
      showError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** The form's own message, read out by screen readers when it appears. */
function FormMessage({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <View className='field-error' role='alert'>
      {message}
    </View>
  );
}

/** A text field with its visible label; the label is also the field's accessible name. */
function LabelledInput(props: {
  className: string;
  label: string;
  value: string;
  password?: boolean;
  autocomplete?: string;
  onChange: (value: string) => void;
  onEnter?: () => void;
}) {
  return (
    <View className='labelled-field'>
      <Text className='field-label'>{props.label}</Text>
      <Input
        className={`field ${props.className}`}
        value={props.value}
        password={props.password}
        placeholder={props.label}
        confirmType='go'
        nativeProps={{ 'aria-label': props.label, autocomplete: props.autocomplete ?? 'off' }}
        onInput={(event) => props.onChange(event.detail.value)}
        // h5: Taro's input fires confirm on Enter; the mini-program keyboard's 前往 key does the same.
        onConfirm={props.onEnter}
      />
    </View>
  );
}

export default function MinePage() {
  const elder = useElderPageClass();
  const session = useSession();
  const openTrack = () => void Taro.navigateTo({ url: '/pages/track/index' });
  return (
    <View className={`page mine${elder}`}>
      <ElderPageNotice />
      {session.status === 'loading' && <View className='hint'>正在登录…</View>}
      {session.status === 'signed-in' && <Profile me={session.me} />}
      {session.status === 'guest' && (onWeapp() ? <WechatLogin /> : <PortalLogin />)}
      {!(session.status === 'signed-in' && isStaffRole(session.me.role)) && <SurveyEntryCard />}
      <View className='card home-entry track-entry' {...pressable(openTrack)}>
        <View>
          <View className='card-title'>进度查询</View>
          <View className='muted'>未登录时提交的，凭受理编号和查询码查询</View>
        </View>
        <Text className='entry-arrow' aria-hidden='true'>
          ›
        </Text>
      </View>
      {process.env.TARO_ENV === 'h5' && <ElderModeSwitch />}
    </View>
  );
}

function Profile({ me }: { me: Me }) {
  const { busy, run } = useAction();
  const staff = isStaffRole(me.role);
  return (
    <View>
      <View className='card profile'>
        <View className='profile-name'>{me.displayName}</View>
        <View className='muted'>身份：{ROLE_LABELS[me.role]}</View>
        {me.volunteer && (
          <View className='muted'>
            社会监督员：{me.volunteer.name}（{VOLUNTEER_CATEGORY_LABELS[me.volunteer.category]}）
          </View>
        )}
      </View>
      {staff ? (
        <Button className='btn-primary workbench-entry' {...pressable(() => void Taro.navigateTo({ url: WORKBENCH_URL }))}>
          进入工作台
        </Button>
      ) : (
        <MyComplaints />
      )}
      <Inbox opensComplaints={!staff} />
      {/* Staff never hold a number; on h5 whoever signed in by SMS already has one, so only others are offered it. */}
      {!staff && (onWeapp() || me.phoneMasked === null) && <PhoneLink me={me} />}
      {me.role === 'RESIDENT' && <VolunteerBinding />}
      {me.role === 'RESIDENT' && onWeapp() && <StaffWechatBinding />}
      {staff && me.wechatBound && <WechatUnbinding />}
      <Button className='btn-plain logout' loading={busy} {...pressable(() => void run(signOut, '已退出登录'))}>
        退出登录
      </Button>
    </View>
  );
}

function VolunteerBinding() {
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const bind = () =>
    run(async () => {
      // The server checks the same schema; checking here first spares a round trip for an obvious typo.
      const parsed = bindVolunteerRequest.safeParse({ invitationCode: code });
      if (!parsed.success) throw new FormError(parsed.error.issues[0]?.message);
      await bindInvitationCode(parsed.data.invitationCode);
      setCode('');
    }, '绑定成功');
  return (
    <View className='card'>
      <View className='card-title'>绑定社会监督员邀请码</View>
      <View className='muted'>区食安办聘任的社会监督员，请输入收到的邀请码完成绑定。</View>
      <LabelledInput className='invitation-code' label='邀请码' value={code} onChange={setCode} onEnter={() => void bind()} />
      <FormMessage message={error} />
      <Button className='btn-primary bind-volunteer' loading={busy} {...pressable(() => void bind())}>
        绑定
      </Button>
    </View>
  );
}

/**
 * weapp 账号绑定: everyone starts as a resident (the silent WeChat login at launch); a staff member binds this
 * WeChat to their account once, and from then on 微信一键登录 opens the workbench.
 */
function StaffWechatBinding() {
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const bind = () =>
    run(async () => {
      const parsed = passwordLoginRequest.safeParse({ username, password });
      if (!parsed.success) throw new FormError(parsed.error.issues[0]?.message);
      const me = await bindWechatAsStaff(parsed.data.username, parsed.data.password);
      setPassword('');
      goToLanding(me);
    }, '绑定成功');
  return (
    <View className='card staff-binding'>
      <View className='card-title'>工作人员账号绑定</View>
      <View className='muted'>监管所工作人员、包保干部和区食安办管理员：用工作账号绑定本微信后，微信一键登录即进入工作台。</View>
      {open ? (
        <View>
          <LabelledInput className='bind-username' label='用户名' value={username} autocomplete='username' onChange={setUsername} onEnter={() => void bind()} />
          <LabelledInput
            className='bind-password'
            label='密码'
            value={password}
            password
            autocomplete='current-password'
            onChange={setPassword}
            onEnter={() => void bind()}
          />
          <FormMessage message={error} />
          <Button className='btn-primary bind-staff' loading={busy} {...pressable(() => void bind())}>
            绑定并进入工作台
          </Button>
        </View>
      ) : (
        <Button className='btn-plain open-staff-binding' {...pressable(() => setOpen(true))}>
          绑定工作人员账号
        </Button>
      )}
    </View>
  );
}

function WechatUnbinding() {
  const { busy, error, run } = useAction();
  const unbind = () =>
    run(async () => {
      const confirmed = await askConfirm('解除后，用本微信登录将不再进入工作台；需要时可用用户名和密码重新绑定。', {
        title: '解除微信绑定',
        confirmText: '解除绑定',
      });
      if (!confirmed) return;
      await unbindWechatFromStaff();
      notify('已解除微信绑定', 'success');
    });
  return (
    <View className='card'>
      <View className='card-title'>微信绑定</View>
      <View className='muted'>本账号已绑定微信，微信一键登录即进入工作台。</View>
      <FormMessage message={error} />
      <Button className='btn-plain unbind-wechat' loading={busy} {...pressable(() => void unbind())}>
        解除微信绑定
      </Button>
    </View>
  );
}

function WechatLogin() {
  const { busy, error, run } = useAction();
  const login = () =>
    run(async () => {
      // A bound staff member's WeChat opens their staff session: take them to the workbench.
      goToLanding(await signInWithWechat());
    }, '登录成功');
  return (
    <View className='card'>
      <View className='card-title'>尚未登录</View>
      <View className='muted'>登录后可反映问题、查看办理进度。已绑定微信的工作人员登录后进入工作台。</View>
      <FormMessage message={error} />
      <Button className='btn-primary wechat-login' loading={busy} {...pressable(() => void login())}>
        微信一键登录
      </Button>
    </View>
  );
}

/** h5 has no WeChat: residents sign in by SMS code (demo residents also by name), staff with a password. */
function PortalLogin() {
  const [demoUser, setDemoUser] = useState('resident1');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const demo = useAction();
  const staff = useAction();

  const demoLogin = () =>
    demo.run(async () => {
      const name = demoUser.trim();
      if (name === '') throw new FormError('请输入演示用户名');
      // Only residents and volunteers: the server refuses staff names (DEV_LOGIN_NOT_FOR_STAFF) with its message.
      await signInAsDemoUser(name);
    }, '登录成功');

  const staffLogin = () =>
    staff.run(async () => {
      const parsed = passwordLoginRequest.safeParse({ username, password });
      if (!parsed.success) throw new FormError(parsed.error.issues[0]?.message);
      const me = await signInWithPassword(parsed.data.username, parsed.data.password);
      setPassword('');
      goToLanding(me);
    }, '登录成功');

  return (
    <View className='portal-login'>
      <SmsSignIn />
      <View className='card'>
        <View className='card-title'>演示登录</View>
        <View className='muted'>网页版无法使用微信登录。演示环境可输入群众或社会监督员的演示用户名（如 resident1）直接登录。</View>
        <LabelledInput className='dev-username' label='演示用户名' value={demoUser} onChange={setDemoUser} onEnter={() => void demoLogin()} />
        <FormMessage message={demo.error} />
        <Button className='btn-primary dev-login' loading={demo.busy} {...pressable(() => void demoLogin())}>
          演示登录
        </Button>
      </View>

      <View className='card'>
        <View className='card-title'>工作人员登录</View>
        <View className='muted'>监管所、包保干部和区食安办使用工作账号登录，登录后进入工作台。</View>
        <LabelledInput
          className='staff-username'
          label='用户名'
          value={username}
          autocomplete='username'
          onChange={setUsername}
          onEnter={() => void staffLogin()}
        />
        <LabelledInput
          className='staff-password'
          label='密码'
          value={password}
          password
          autocomplete='current-password'
          onChange={setPassword}
          onEnter={() => void staffLogin()}
        />
        <FormMessage message={staff.error} />
        <Button className='btn-plain staff-login' loading={staff.busy} {...pressable(() => void staffLogin())}>
          登录
        </Button>
      </View>
    </View>
  );
}
