import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CADRE_TIERS, CADRE_TIER_LABELS, cadreInput, cadrePatch, type CadreListItem, type CadreTier } from '@sa/contracts';
import { createCadre, fetchCadres, updateCadre } from '../../api';
import { errorMessage } from '../../components/show-error';
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
  streetOptions,
  useAreas,
  usePagedList,
  zodFieldErrors,
  type Areas,
  type FieldErrors,
  type PageQuery,
} from './ui';

const LIMIT = 50;
type Values = { name: string; tier: CadreTier | null; title: string; phone: string; streetId: number | null; communityId: number | null };

const valuesOf = (c: CadreListItem | null): Values =>
  c
    ? {
        name: c.name,
        tier: c.tier,
        title: c.title,
        phone: c.phone,
        streetId: c.area.kind === 'STREET' ? c.area.id : null,
        communityId: c.area.kind === 'COMMUNITY' ? c.area.id : null,
      }
    : { name: '', tier: null, title: '', phone: '', streetId: null, communityId: null };

function CadreForm({ areas, cadre, onSaved, onCancel }: { areas: Areas | null; cadre: CadreListItem | null; onSaved: (message: string) => void; onCancel: () => void }) {
  const initial = valuesOf(cadre);
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  // A community cadre's street is where the community lies.
  const communityStreet = areas?.streets.find((s) => s.communities.some((c) => c.id === values.communityId));
  const [streetForCommunity, setStreetForCommunity] = useState<number | null>(communityStreet?.id ?? null);
  const street = areas?.streets.find((s) => s.id === (values.tier === 'COMMUNITY' ? streetForCommunity : values.streetId));

  const body = () => ({
    name: values.name,
    tier: values.tier ?? undefined,
    title: values.title,
    phone: values.phone,
    streetId: values.tier === 'STREET' ? values.streetId : null,
    communityId: values.tier === 'COMMUNITY' ? values.communityId : null,
  });

  const save = async () => {
    if (busy) return;
    if (values.tier === null) {
      setErrors({ tier: '请选择层级' });
      return;
    }
    const parsed = cadre ? cadrePatch.safeParse(body()) : cadreInput.safeParse(body());
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    // The contract checks the area of a new cadre; an edit is checked the same way here before the server does.
    if (values.tier === 'STREET' && !values.streetId) return setErrors({ streetId: '街道干部须选择所属街道' });
    if (values.tier === 'COMMUNITY' && !values.communityId) return setErrors({ communityId: '社区干部须选择所属社区' });
    setErrors({});
    setBusy(true);
    try {
      const saved = cadre ? await updateCadre(cadre.id, parsed.data) : await createCadre(cadreInput.parse(parsed.data));
      onSaved(cadre ? `已保存：${saved.name}` : `已新增包保干部：${saved.name}`);
    } catch (failure) {
      setErrors(serverFieldErrors(failure));
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (active: boolean) => {
    if (!cadre || busy) return;
    setBusy(true);
    try {
      await updateCadre(cadre.id, { active });
      setConfirming(false);
      onSaved(active ? `已启用：${cadre.name}` : `已停用：${cadre.name}，其包保关系已解除并已退出登录`);
    } catch (failure) {
      setErrors({ form: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card cadre-form' role='form' aria-label={cadre ? '编辑包保干部' : '新增包保干部'}>
      <View className='card-title'>{cadre ? `编辑：${cadre.name}` : '新增包保干部'}</View>
      <TextField label='姓名' className='cadre-name' value={values.name} maxlength={40} onChange={(v) => set('name', v)} error={errors.name} />
      <Choice
        label='层级'
        options={CADRE_TIERS.map((t) => ({ value: t, label: CADRE_TIER_LABELS[t] }))}
        value={values.tier}
        onChange={(v) => set('tier', v)}
        error={errors.tier}
      />
      <TextField label='职务' className='cadre-title' value={values.title} maxlength={60} onChange={(v) => set('title', v)} error={errors.title} />
      <TextField label='联系电话' className='cadre-phone' value={values.phone} maxlength={13} onChange={(v) => set('phone', v)} error={errors.phone} />
      {values.tier === 'STREET' && (
        <Choice label='所属街道' options={streetOptions(areas)} value={values.streetId} onChange={(v) => set('streetId', v)} error={errors.streetId} />
      )}
      {values.tier === 'COMMUNITY' && (
        <>
          <Choice
            label='社区所在街道'
            options={streetOptions(areas)}
            value={streetForCommunity}
            onChange={(v) => {
              setStreetForCommunity(v);
              set('communityId', null);
            }}
          />
          {street && (
            <Choice
              label='所属社区'
              options={street.communities.map((c) => ({ value: c.id, label: c.name }))}
              value={values.communityId}
              onChange={(v) => set('communityId', v)}
              error={errors.communityId}
            />
          )}
          {!street && errors.communityId && <View className='field-error'>{errors.communityId}</View>}
        </>
      )}
      {errors.form && <View className='field-error'>{errors.form}</View>}
      <View className='admin-actions'>
        <Action className='cadre-save' onPress={() => void save()} disabled={busy}>
          保存
        </Action>
        <Action kind='plain' onPress={onCancel}>
          取消
        </Action>
        {cadre?.active && !confirming && (
          <Action kind='danger' className='cadre-deactivate' onPress={() => setConfirming(true)}>
            停用
          </Action>
        )}
        {cadre && !cadre.active && (
          <Action kind='plain' className='cadre-activate' onPress={() => void setActive(true)} disabled={busy}>
            重新启用
          </Action>
        )}
      </View>
      {confirming && (
        <Notice tone='warn'>
          <View>停用后该干部的包保关系将解除并立即退出登录</View>
          <View className='admin-actions'>
            <Action kind='danger' className='cadre-deactivate-confirm' onPress={() => void setActive(false)} disabled={busy}>
              确认停用
            </Action>
            <Action kind='plain' onPress={() => setConfirming(false)}>
              不停用
            </Action>
          </View>
        </Notice>
      )}
    </View>
  );
}

type Filters = { q: string; tier: CadreTier | 'all'; streetId: number; active: 'all' | 'true' | 'false' };

const fetchPage = (filters: Filters, page: PageQuery) =>
  fetchCadres({
    q: filters.q.trim() || undefined,
    tier: filters.tier === 'all' ? undefined : filters.tier,
    streetId: filters.streetId || undefined,
    active: filters.active === 'all' ? undefined : filters.active === 'true',
    ...page,
  });

function CadresScreen() {
  const { areas, error: areasError, reload: reloadAreas } = useAreas();
  const list = usePagedList<Filters, CadreListItem>({ q: '', tier: 'all', streetId: 0, active: 'true' }, fetchPage, LIMIT);
  const { filters, filter } = list;
  const [selected, setSelected] = useState<CadreListItem | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const panel = useSidePanel();
  const open = (next: CadreListItem | 'new') => {
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
        <View className='card' role='search' aria-label='查找包保干部'>
          <TextField label='姓名或职务' className='cadre-q' value={filters.q} maxlength={40} onChange={filter('q')} />
          <Choice<CadreTier | 'all'>
            label='层级'
            options={[{ value: 'all', label: '全部' }, ...CADRE_TIERS.map((t) => ({ value: t, label: CADRE_TIER_LABELS[t] }))]}
            value={filters.tier}
            onChange={filter('tier')}
          />
          <Choice<number> label='街道' options={[{ value: 0, label: '全部街道' }, ...streetOptions(areas)]} value={filters.streetId} onChange={filter('streetId')} />
          <Choice<Filters['active']>
            label='状态'
            options={[
              { value: 'true', label: '在岗' },
              { value: 'false', label: '已停用' },
              { value: 'all', label: '全部' },
            ]}
            value={filters.active}
            onChange={filter('active')}
          />
          <Action kind='plain' className='cadre-new' onPress={() => open('new')}>
            新增包保干部
          </Action>
        </View>
        {message && <Notice>{message}</Notice>}
        <PagedList list={list} label='包保干部' empty='没有符合条件的包保干部。' rows='buttons'>
          {(c) => {
            const choose = () => {
              setMessage(null);
              open(c);
            };
            return (
              <View key={c.id} className='list-item admin-pick cadre-row' {...pressable(choose)}>
                <View className='admin-row-title'>
                  {c.name} <Text className='tag'>{CADRE_TIER_LABELS[c.tier]}</Text>
                  {!c.active && <Text className='tag admin-tag-off'>已停用</Text>}
                </View>
                <View className='admin-text'>
                  {c.title} · {c.area.name} · {c.phone}
                </View>
                <View className='admin-text'>包保经营主体 {c.businessCount} 家</View>
              </View>
            );
          }}
        </PagedList>
      </View>
      <View className='admin-side'>
        {selected === null ? (
          <View className='card admin-text'>从列表中选择一位干部编辑或停用，或新增包保干部。</View>
        ) : (
          <SidePanel control={panel} label={selected === 'new' ? '新增包保干部' : '编辑包保干部'}>
            <CadreForm
              key={selected === 'new' ? 'new' : selected.id}
              areas={areas}
              cadre={selected === 'new' ? null : selected}
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

/** 包保干部管理: the four tiers of cadres, each with how many businesses they answer for. */
export default function AdminCadresPage() {
  return (
    <AdminShell current='/pages/admin/cadres' title='包保干部管理'>
      {() => <CadresScreen />}
    </AdminShell>
  );
}
