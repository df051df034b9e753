import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  VOLUNTEER_CATEGORIES,
  VOLUNTEER_CATEGORY_LABELS,
  volunteerInput,
  volunteerPatch,
  type VolunteerCategory,
  type VolunteerView,
} from '@sa/contracts';
import { createVolunteer, fetchVolunteers, updateVolunteer } from '../../api';
import { errorMessage } from '../../components/show-error';
import { formatDate } from '../../components/format';
import { pressable } from '../../components/pressable';
import { copyText } from '../../components/clipboard';
import { PrivacyConsent } from '../../components/privacy-consent';
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
  streetOptions,
  useAreas,
  usePagedList,
  zodFieldErrors,
  type Areas,
  type FieldErrors,
  type PageQuery,
} from './ui';

const LIMIT = 50;
type Values = { name: string; category: VolunteerCategory | null; phone: string; streetId: number };

function VolunteerForm({
  areas,
  volunteer,
  onSaved,
  onCancel,
}: {
  areas: Areas | null;
  volunteer: VolunteerView | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(
    volunteer
      ? { name: volunteer.name, category: volunteer.category, phone: volunteer.phone, streetId: volunteer.street?.id ?? 0 }
      : { name: '', category: null, phone: '', streetId: 0 },
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    if (busy) return;
    const body = { name: values.name, category: values.category ?? undefined, phone: values.phone, streetId: values.streetId || null };
    const parsed = volunteer ? volunteerPatch.safeParse(body) : volunteerInput.safeParse(body);
    if (!parsed.success || values.category === null) {
      setErrors({ ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...(values.category === null ? { category: '请选择类别' } : {}) });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (volunteer) {
        const saved = await updateVolunteer(volunteer.id, parsed.data);
        onSaved(`已保存：${saved.name}`);
      } else {
        const saved = await createVolunteer(volunteerInput.parse(body));
        onSaved(`已新增社会监督员：${saved.name}，邀请码 ${saved.invitationCode}`);
      }
    } catch (failure) {
      setErrors(serverFieldErrors(failure));
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (active: boolean) => {
    if (!volunteer || busy) return;
    setBusy(true);
    try {
      await updateVolunteer(volunteer.id, { active });
      onSaved(active ? `已启用：${volunteer.name}` : `已停用：${volunteer.name}，其社会监督员身份已暂停`);
    } catch (failure) {
      setErrors({ form: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card volunteer-form' role='form' aria-label={volunteer ? '编辑社会监督员' : '新增社会监督员'}>
      <View className='card-title'>{volunteer ? `编辑：${volunteer.name}` : '新增社会监督员'}</View>
      <TextField label='姓名' className='volunteer-name' value={values.name} maxlength={40} onChange={(v) => set('name', v)} error={errors.name} />
      <Choice
        label='类别'
        options={VOLUNTEER_CATEGORIES.map((c) => ({ value: c, label: VOLUNTEER_CATEGORY_LABELS[c] }))}
        value={values.category}
        onChange={(v) => set('category', v)}
        error={errors.category}
      />
      <TextField label='手机号' className='volunteer-phone' value={values.phone} maxlength={11} onChange={(v) => set('phone', v)} error={errors.phone} />
      <Choice<number>
        label='所在街道'
        options={[{ value: 0, label: '不限街道' }, ...streetOptions(areas)]}
        value={values.streetId}
        onChange={(v) => set('streetId', v)}
        error={errors.streetId}
      />
      {errors.form && <View className='field-error'>{errors.form}</View>}
      <View className='admin-actions'>
        <Action className='volunteer-save' onPress={() => void save()} disabled={busy}>
          保存
        </Action>
        <Action kind='plain' onPress={onCancel}>
          取消
        </Action>
        {volunteer && (
          <Action
            kind={volunteer.active ? 'danger' : 'plain'}
            className='volunteer-active'
            onPress={() => void setActive(!volunteer.active)}
            disabled={busy}
          >
            {volunteer.active ? '停用' : '重新启用'}
          </Action>
        )}
      </View>
    </View>
  );
}

function InvitationCode({ code }: { code: string }) {
  const copy = () => void copyText(code, { at: code });
  return (
    <View>
      <View className='admin-text'>
        邀请码：
        {/* selectable: on h5 the code can also be selected and copied by hand */}
        <Text className='invitation-code' selectable userSelect>
          {code}
        </Text>
        <Text className='link admin-copy' {...pressable(copy)} aria-label={`复制邀请码 ${code}`}>
          复制
        </Text>
      </View>
      <PrivacyConsent purpose='clipboard' at={code} />
    </View>
  );
}

type Filters = { q: string; category: VolunteerCategory | 'all'; streetId: number; active: 'all' | 'true' | 'false' };

const fetchPage = (filters: Filters, page: PageQuery) =>
  fetchVolunteers({
    q: filters.q.trim() || undefined,
    category: filters.category === 'all' ? undefined : filters.category,
    streetId: filters.streetId || undefined,
    active: filters.active === 'all' ? undefined : filters.active === 'true',
    ...page,
  });

function VolunteersScreen() {
  const { areas, error: areasError, reload: reloadAreas } = useAreas();
  const list = usePagedList<Filters, VolunteerView>({ q: '', category: 'all', streetId: 0, active: 'true' }, fetchPage, LIMIT);
  const { filters, filter } = list;
  const [selected, setSelected] = useState<VolunteerView | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const panel = useSidePanel();
  const open = (next: VolunteerView | 'new') => {
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
        <View className='card' role='search' aria-label='查找社会监督员'>
          <TextField label='姓名' className='volunteer-q' value={filters.q} maxlength={40} onChange={filter('q')} />
          <Choice<VolunteerCategory | 'all'>
            label='类别'
            options={[{ value: 'all', label: '全部' }, ...VOLUNTEER_CATEGORIES.map((c) => ({ value: c, label: VOLUNTEER_CATEGORY_LABELS[c] }))]}
            value={filters.category}
            onChange={filter('category')}
          />
          <Choice<number> label='街道' options={[{ value: 0, label: '全部街道' }, ...streetOptions(areas)]} value={filters.streetId} onChange={filter('streetId')} />
          <Choice<Filters['active']>
            label='状态'
            options={[
              { value: 'true', label: '在册' },
              { value: 'false', label: '已停用' },
              { value: 'all', label: '全部' },
            ]}
            value={filters.active}
            onChange={filter('active')}
          />
          <Action kind='plain' className='volunteer-new' onPress={() => open('new')}>
            新增社会监督员
          </Action>
        </View>
        {message && <Notice>{message}</Notice>}
        <PagedList list={list} label='社会监督员名册' empty='没有符合条件的社会监督员。'>
          {(v) => (
            <View key={v.id} className='list-item volunteer-row' role='listitem'>
              <View className='admin-row-title'>
                {v.name} <Text className='tag'>{VOLUNTEER_CATEGORY_LABELS[v.category]}</Text>
                {!v.active && <Text className='tag admin-tag-off'>已停用</Text>}
              </View>
              <View className='admin-text'>
                {v.phone} · {v.street?.name ?? '不限街道'} · {v.bound ? `已绑定${v.boundAt ? `（${formatDate(v.boundAt)}）` : ''}` : '未绑定'}
              </View>
              <InvitationCode code={v.invitationCode} />
              <Action
                kind='plain'
                className='volunteer-edit'
                label={`编辑 ${v.name}`}
                onPress={() => {
                  setMessage(null);
                  open(v);
                }}
              >
                编辑
              </Action>
            </View>
          )}
        </PagedList>
      </View>
      <View className='admin-side'>
        {selected === null ? (
          <View className='card admin-text'>选择名册中的一位监督员编辑或停用，或新增社会监督员。新增后把邀请码交给本人，在小程序“我的”中绑定。</View>
        ) : (
          <SidePanel control={panel} label={selected === 'new' ? '新增社会监督员' : '编辑社会监督员'}>
            <VolunteerForm
              key={selected === 'new' ? 'new' : selected.id}
              areas={areas}
              volunteer={selected === 'new' ? null : selected}
              onSaved={(text) => {
                setMessage(text);
                close();
                list.reload();
              }}
              onCancel={close}
            />
          </SidePanel>
        )}
      </View>
    </View>
  );
}

/** 社会监督员名册: the roster with invitation codes, bound or not. */
export default function AdminVolunteersPage() {
  return (
    <AdminShell current='/pages/admin/volunteers' title='社会监督员名册'>
      {() => <VolunteersScreen />}
    </AdminShell>
  );
}
