import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  CADRE_TIER_LABELS,
  ROLES,
  ROLE_LABELS,
  STAFF_ROLES,
  userCreateInput,
  userPatch,
  type CadreListItem,
  type Role,
  type StaffRole,
  type UserView,
} from '@sa/contracts';
import { createUser, fetchCadres, fetchUsers, revokeUserSessions, updateUser } from '../../api';
import { errorMessage } from '../../components/show-error';
import { formatDateTime } from '../../components/format';
import { pressable } from '../../components/pressable';
import { AdminShell } from './admin-shell';
import { SidePanel, useSidePanel } from './side-panel';
import {
  Action,
  Choice,
  Failed,
  Notice,
  PagedList,
  TextField,
  serverFieldErrors,
  useAreas,
  usePagedList,
  zodFieldErrors,
  type Areas,
  type FieldErrors,
  type PageQuery,
} from './ui';

const LIMIT = 50;

type NewUser = { username: string; displayName: string; role: StaffRole | null; officeId: number | null; cadreId: number | null; password: string };

function CadrePicker({ value, onChange, error }: { value: number | null; onChange: (id: number) => void; error?: string }) {
  const [q, setQ] = useState('');
  const [cadres, setCadres] = useState<CadreListItem[]>([]);
  useEffect(() => {
    let stale = false;
    fetchCadres({ q: q.trim() || undefined, active: true, limit: 20 })
      .then((page) => !stale && setCadres(page.items))
      .catch(() => !stale && setCadres([]));
    return () => {
      stale = true;
    };
  }, [q]);
  return (
    <View>
      <TextField label='查找干部（姓名或职务）' className='user-cadre-q' value={q} maxlength={40} onChange={setQ} />
      <Choice
        label='关联干部'
        options={cadres.map((c) => ({ value: c.id, label: `${c.name} · ${CADRE_TIER_LABELS[c.tier]} · ${c.title}` }))}
        value={value}
        onChange={onChange}
        error={error}
      />
    </View>
  );
}

function CreateUserForm({ areas, onCreated, onCancel }: { areas: Areas | null; onCreated: (message: string) => void; onCancel: () => void }) {
  const [values, setValues] = useState<NewUser>({ username: '', displayName: '', role: null, officeId: null, cadreId: null, password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof NewUser>(key: K, value: NewUser[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    if (busy) return;
    const parsed = userCreateInput.safeParse({
      username: values.username,
      displayName: values.displayName,
      role: values.role ?? undefined,
      officeId: values.role === 'OFFICE_STAFF' ? (values.officeId ?? undefined) : undefined,
      cadreId: values.role === 'CADRE' ? (values.cadreId ?? undefined) : undefined,
      password: values.password,
    });
    if (!parsed.success) {
      setErrors({ ...zodFieldErrors(parsed.error), ...(values.role === null ? { role: '请选择角色' } : {}) });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const user = await createUser(parsed.data);
      onCreated(`已创建账号 ${user.username ?? ''}（${user.displayName}，${ROLE_LABELS[user.role]}）`);
    } catch (failure) {
      setErrors(serverFieldErrors(failure, { USERNAME_TAKEN: 'username' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card user-form' role='form' aria-label='新建工作人员账号'>
      <View className='card-title'>新建工作人员账号</View>
      <TextField label='用户名' className='user-username' value={values.username} maxlength={64} onChange={(v) => set('username', v)} error={errors.username} />
      <TextField label='姓名' className='user-name' value={values.displayName} maxlength={40} onChange={(v) => set('displayName', v)} error={errors.displayName} />
      <Choice label='角色' options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={values.role} onChange={(v) => set('role', v)} error={errors.role} />
      {values.role === 'OFFICE_STAFF' && (
        <Choice
          label='所属监管所'
          options={(areas?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={values.officeId}
          onChange={(v) => set('officeId', v)}
          error={errors.officeId}
        />
      )}
      {values.role === 'CADRE' && <CadrePicker value={values.cadreId} onChange={(v) => set('cadreId', v)} error={errors.cadreId} />}
      <TextField
        label='初始密码（至少 10 位，含字母和数字）'
        className='user-password'
        password
        value={values.password}
        maxlength={200}
        onChange={(v) => set('password', v)}
        error={errors.password}
      />
      {errors.form && <View className='field-error'>{errors.form}</View>}
      <View className='admin-actions'>
        <Action className='user-save' onPress={() => void save()} disabled={busy}>
          创建账号
        </Action>
        <Action kind='plain' onPress={onCancel}>
          取消
        </Action>
      </View>
    </View>
  );
}

/** One account: disable/enable, reset the password, 强制下线. */
function UserPanel({ user, onChanged, onClose }: { user: UserView; onChanged: (user: UserView | null, message: string) => void; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      await action();
    } catch (failure) {
      setErrors({ form: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  const toggleDisabled = () =>
    run(async () => {
      const updated = await updateUser(user.id, { disabled: !user.disabled });
      onChanged(updated, updated.disabled ? `已停用 ${updated.displayName} 的账号，并已使其退出登录` : `已启用 ${updated.displayName} 的账号`);
    });

  const resetPassword = () => {
    const parsed = userPatch.safeParse({ password });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    void run(async () => {
      const updated = await updateUser(user.id, parsed.data);
      setPassword('');
      onChanged(updated, `已重置 ${updated.displayName} 的密码`);
    });
  };

  const revoke = () =>
    run(async () => {
      const { revoked } = await revokeUserSessions(user.id);
      onChanged({ ...user, activeSessions: 0 }, revoked > 0 ? `已强制下线 ${user.displayName}：结束 ${revoked} 个登录会话` : `${user.displayName} 当前没有登录会话`);
    });

  return (
    <View className='card user-panel'>
      <View className='card-title'>{user.displayName}</View>
      <View className='admin-text'>用户名：{user.username ?? '（微信登录，无用户名）'}</View>
      <View className='admin-text'>角色：{ROLE_LABELS[user.role]}</View>
      {user.office && <View className='admin-text'>监管所：{user.office.name}</View>}
      {user.cadre && <View className='admin-text'>关联干部：{user.cadre.name}（{CADRE_TIER_LABELS[user.cadre.tier]}）</View>}
      <View className='admin-text'>
        {user.disabled ? '账号已停用' : '账号正常'} · 当前登录会话 {user.activeSessions} 个 · {user.wechatBound ? '已绑定微信' : '未绑定微信'}
      </View>
      {user.lastSeenAt && <View className='admin-text'>最近使用：{formatDateTime(user.lastSeenAt)}</View>}
      <View className='admin-actions'>
        <Action kind={user.disabled ? 'plain' : 'danger'} className='user-disable' onPress={() => void toggleDisabled()} disabled={busy}>
          {user.disabled ? '启用账号' : '停用账号'}
        </Action>
        <Action kind='plain' className='user-revoke' onPress={() => void revoke()} disabled={busy}>
          强制下线
        </Action>
      </View>
      {user.username !== null && (
        <View>
          <TextField label='新密码（至少 10 位，含字母和数字）' className='user-new-password' password value={password} onChange={setPassword} error={errors.password} />
          <Action kind='plain' className='user-reset-password' onPress={resetPassword} disabled={busy}>
            重置密码
          </Action>
        </View>
      )}
      {errors.form && <View className='field-error'>{errors.form}</View>}
      <Action kind='plain' onPress={onClose}>
        关闭
      </Action>
    </View>
  );
}

type Filters = { q: string; role: Role | 'all'; disabled: 'all' | 'true' | 'false' };

const fetchPage = (filters: Filters, page: PageQuery) =>
  fetchUsers({
    q: filters.q.trim() || undefined,
    role: filters.role === 'all' ? undefined : filters.role,
    disabled: filters.disabled === 'all' ? undefined : filters.disabled === 'true',
    ...page,
  });

function UsersScreen() {
  const { areas, error: areasError, reload: reloadAreas } = useAreas();
  const list = usePagedList<Filters, UserView>({ q: '', role: 'all', disabled: 'all' }, fetchPage, LIMIT);
  const { filters, filter } = list;
  const [selected, setSelected] = useState<UserView | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const panel = useSidePanel();
  const open = (next: UserView | 'new') => {
    setSelected(next);
    panel.opened();
  };
  const close = () => {
    setSelected(null);
    panel.closed();
  };

  return (
    <View className='admin-split'>
      <View className='admin-main'>
        <Failed message={areasError} onRetry={reloadAreas} />
        <View className='card' role='search' aria-label='查找账号'>
          <TextField label='用户名或姓名' className='user-q' value={filters.q} maxlength={40} onChange={filter('q')} />
          <Choice<Role | 'all'>
            label='角色'
            options={[{ value: 'all', label: '全部' }, ...ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))]}
            value={filters.role}
            onChange={filter('role')}
          />
          <Choice<Filters['disabled']>
            label='状态'
            options={[
              { value: 'all', label: '全部' },
              { value: 'false', label: '正常' },
              { value: 'true', label: '已停用' },
            ]}
            value={filters.disabled}
            onChange={filter('disabled')}
          />
          <Action kind='plain' className='user-new' onPress={() => open('new')}>
            新建工作人员账号
          </Action>
        </View>
        {message && <Notice>{message}</Notice>}
        <PagedList list={list} label='账号' empty='没有符合条件的账号。' rows='buttons'>
          {(u) => {
            const choose = () => {
              setMessage(null);
              open(u);
            };
            return (
              <View key={u.id} className='list-item admin-pick user-row' {...pressable(choose)}>
                <View className='admin-row-title'>
                  {u.displayName} <Text className='tag'>{ROLE_LABELS[u.role]}</Text>
                  {u.disabled && <Text className='tag admin-tag-off'>已停用</Text>}
                </View>
                <View className='admin-text'>
                  {u.username ?? '微信用户'} · 登录会话 {u.activeSessions} 个
                </View>
              </View>
            );
          }}
        </PagedList>
      </View>
      <View className='admin-side'>
        {selected === null && <View className='card admin-text'>选择一个账号停用、重置密码或强制下线，或新建工作人员账号。</View>}
        {selected !== null && (
          <SidePanel control={panel} label={selected === 'new' ? '新建工作人员账号' : '账号详情'}>
            {selected === 'new' ? (
              <CreateUserForm
                areas={areas}
                onCreated={(text) => {
                  setMessage(text);
                  close();
                  list.reload();
                }}
                onCancel={close}
              />
            ) : (
              <UserPanel
                key={selected.id}
                user={selected}
                onChanged={(user, text) => {
                  setMessage(text);
                  if (user) setSelected(user);
                  list.reload();
                }}
                onClose={close}
              />
            )}
          </SidePanel>
        )}
      </View>
    </View>
  );
}

/** 账号与角色: staff accounts, their roles and sessions. */
export default function AdminUsersPage() {
  return (
    <AdminShell current='/pages/admin/users' title='账号与角色'>
      {() => <UsersScreen />}
    </AdminShell>
  );
}
