import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, VOLUNTEER_CATEGORY_LABELS, bindVolunteerRequest, passwordLoginRequest, type Me } from '@sa/contracts';
import { FormError, showError } from '../../components/show-error';
import { Inbox } from './inbox';
import { MyComplaints } from './my-complaints';
import {
  bindInvitationCode,
  signInAsDemoUser,
  signInWithPassword,
  signInWithWechat,
  signOut,
  useSession,
} from '../../session/session';
import './index.css';

const isH5 = process.env.TARO_ENV === 'h5';

/** Runs a user action once at a time, showing the server's message when it fails. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>, success?: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
      if (success) void Taro.showToast({ title: success, icon: 'success' });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export default function MinePage() {
  const session = useSession();
  return (
    <View className='page mine'>
      {session.status === 'loading' && <View className='hint'>正在登录…</View>}
      {session.status === 'signed-in' && <Profile me={session.me} />}
      {session.status === 'guest' && (isH5 ? <PortalLogin /> : <WechatLogin />)}
      <View className='card home-entry track-entry' onClick={() => Taro.navigateTo({ url: '/pages/track/index' })}>
        <View>
          <View className='card-title'>进度查询</View>
          <View className='muted'>未登录时提交的，凭受理编号和查询码查询</View>
        </View>
        <Text className='entry-arrow'>›</Text>
      </View>
    </View>
  );
}

/** Residents and volunteers report problems; staff and cadres have only the inbox here. */
const isReporter = (me: Me) => me.role === 'RESIDENT' || me.role === 'VOLUNTEER';

function Profile({ me }: { me: Me }) {
  const { busy, run } = useAction();
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
      {isReporter(me) && <MyComplaints />}
      <Inbox opensComplaints={isReporter(me)} />
      {me.role === 'RESIDENT' && <VolunteerBinding />}
      <Button className='btn-plain logout' loading={busy} onClick={() => run(signOut, '已退出登录')}>
        退出登录
      </Button>
    </View>
  );
}

function VolunteerBinding() {
  const [code, setCode] = useState('');
  const { busy, run } = useAction();
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
      <Input
        className='field invitation-code'
        value={code}
        placeholder='邀请码'
        onInput={(event) => setCode(event.detail.value)}
      />
      <Button className='btn-primary bind-volunteer' loading={busy} onClick={bind}>
        绑定
      </Button>
    </View>
  );
}

function WechatLogin() {
  const { busy, run } = useAction();
  return (
    <View className='card'>
      <View className='card-title'>尚未登录</View>
      <View className='muted'>登录后可反映问题、查看办理进度。</View>
      <Button className='btn-primary' loading={busy} onClick={() => run(signInWithWechat, '登录成功')}>
        微信一键登录
      </Button>
    </View>
  );
}

/** h5 has no WeChat: demo residents log in by name, staff with a password. */
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
      await signInAsDemoUser(name);
    }, '登录成功');

  const staffLogin = () =>
    staff.run(async () => {
      const parsed = passwordLoginRequest.safeParse({ username, password });
      if (!parsed.success) throw new FormError(parsed.error.issues[0]?.message);
      await signInWithPassword(parsed.data.username, parsed.data.password);
      setPassword('');
    }, '登录成功');

  return (
    <View>
      <View className='card'>
        <View className='card-title'>演示登录</View>
        <View className='muted'>网页版无法使用微信登录。演示环境可输入演示用户名（如 resident1）直接登录。</View>
        <Input
          className='field dev-username'
          value={demoUser}
          placeholder='演示用户名'
          onInput={(event) => setDemoUser(event.detail.value)}
        />
        <Button className='btn-primary dev-login' loading={demo.busy} onClick={demoLogin}>
          演示登录
        </Button>
      </View>

      <View className='card'>
        <View className='card-title'>工作人员登录</View>
        <Input
          className='field staff-username'
          value={username}
          placeholder='用户名'
          onInput={(event) => setUsername(event.detail.value)}
        />
        <Input
          className='field staff-password'
          value={password}
          password
          placeholder='密码'
          onInput={(event) => setPassword(event.detail.value)}
        />
        <Button className='btn-plain staff-login' loading={staff.busy} onClick={staffLogin}>
          登录
        </Button>
      </View>
    </View>
  );
}
