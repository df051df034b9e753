import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  CADRE_TIER_LABELS,
  GRADES,
  type AssignmentView,
  type BusinessDetail,
  type BusinessSummary,
  type BusinessUpdateResult,
  type Grade,
  type Page,
  type Ref,
} from '@sa/contracts';
import { createBusiness, fetchAssignments, fetchBusiness, fetchBusinessTypes, searchAdminBusinesses, updateBusiness } from '../../api';
import { errorMessage } from '../../components/show-error';
import { pressableAs } from '../../components/pressable';
import { AdminShell } from './admin-shell';
import { AssignmentHistory, ReassignForm } from './assignments';
import { BusinessForm } from './business-form';
import { CommitmentsView } from './commitments-view';
import { SidePanel, useSidePanel } from './side-panel';
import { Action, Choice, Failed, Notice, Pager, TextField, streetOptions, useAreas, type Areas } from './ui';

const LIMIT = 20;

type Filters = { q: string; streetId: number; grade: Grade | 'all' };

type Selected = { mode: 'new' } | { mode: 'edit'; id: number } | null;

function BusinessDetailPanel({
  id,
  areas,
  types,
  onSaved,
  onClose,
}: {
  id: number;
  areas: Areas | null;
  types: readonly Ref[];
  onSaved: () => void;
  onClose: () => void;
}) {
  const [business, setBusiness] = useState<BusinessDetail | null>(null);
  const [history, setHistory] = useState<AssignmentView[] | null>(null);
  const [result, setResult] = useState<BusinessUpdateResult | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const loadHistory = () =>
    fetchAssignments(id)
      .then(setHistory)
      .catch((failure: unknown) => setError(errorMessage(failure)));

  useEffect(() => {
    setError(null);
    setBusiness(null);
    setHistory(null);
    setResult(null);
    setEditing(false);
    fetchBusiness(id)
      .then(setBusiness)
      .catch((failure: unknown) => setError(errorMessage(failure)));
    void loadHistory();
  }, [id, attempt]);

  if (error) return <Failed message={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!business) return <View className='hint'>正在加载…</View>;

  const afterAssign = () => {
    void loadHistory();
    void fetchBusiness(id).then(setBusiness);
  };

  return (
    <View className='business-detail'>
      {result && (result.notice || result.endedAssignments.length > 0) && (
        <Notice tone='warn'>
          {result.notice && <View className='grade-notice'>{result.notice}</View>}
          {result.endedAssignments.map((ended) => (
            <View key={ended.cadre.id}>
              已解除：{ended.cadre.name}（{CADRE_TIER_LABELS[ended.cadre.tier]}），{ended.reason}
            </View>
          ))}
        </Notice>
      )}
      {editing ? (
        <BusinessForm
          areas={areas}
          types={types}
          business={business}
          onCreate={async () => undefined}
          onUpdate={async (patch) => {
            const updated = await updateBusiness(id, patch);
            const { endedAssignments, notice, ...detail } = updated;
            setBusiness(detail);
            setResult({ endedAssignments, notice });
            setEditing(false);
            onSaved();
            if (endedAssignments.length > 0) void loadHistory();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <View className='card'>
          <View className='card-title'>{business.name}</View>
          <View className='admin-text'>许可证编号：{business.licenceNo}</View>
          <View className='admin-text'>
            {business.grade} 级 · {business.businessType.name}
          </View>
          <View className='admin-text'>
            {business.street.name} {business.community.name} · {business.address}
          </View>
          <View className='admin-text'>
            {business.hasSafetyOfficer ? '已配备食品安全员' : '未配备食品安全员'}；{business.hasSafetyDirector ? '已配备食品安全总监' : '未配备食品安全总监'}
          </View>
          <View className='admin-text'>
            当前包保干部：{business.cadre ? `${business.cadre.name}（${CADRE_TIER_LABELS[business.cadre.tier]}）${business.cadre.title}` : '未指派'}
          </View>
          <View className='admin-actions'>
            <Action className='business-edit' onPress={() => setEditing(true)}>
              编辑
            </Action>
            <Action kind='plain' onPress={onClose}>
              关闭
            </Action>
          </View>
        </View>
      )}
      <View className='card'>
        <View className='card-title'>重新指派包保干部</View>
        <ReassignForm business={business} onAssigned={afterAssign} />
      </View>
      <View className='card'>
        <View className='card-title'>包保记录与承诺书</View>
        <AssignmentHistory history={history} />
      </View>
    </View>
  );
}

function Registry({ areas }: { areas: Areas | null }) {
  const [draft, setDraft] = useState<Filters>({ q: '', streetId: 0, grade: 'all' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<BusinessSummary> | null>(null);
  const [types, setTypes] = useState<Ref[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<Selected>(null);
  const [created, setCreated] = useState<string | null>(null);
  const panel = useSidePanel();
  const open = (next: Selected) => {
    setSelected(next);
    panel.opened();
  };
  const close = () => {
    setSelected(null);
    panel.closed();
  };

  useEffect(() => {
    let stale = false;
    setError(null);
    searchAdminBusinesses({
      q: filters.q.trim() || undefined,
      streetId: filters.streetId || undefined,
      grade: filters.grade === 'all' ? undefined : filters.grade,
      limit: LIMIT,
      offset,
    })
      .then((result) => {
        if (stale) return;
        setPage(result);
      })
      .catch((failure: unknown) => !stale && setError(errorMessage(failure)));
    return () => {
      stale = true;
    };
  }, [filters, offset, reload]);

  useEffect(() => {
    fetchBusinessTypes().then(setTypes, (failure: unknown) => setError(errorMessage(failure)));
  }, []);

  const search = () => {
    setOffset(0);
    setFilters(draft);
  };

  return (
    <View className='admin-split'>
      <View className='admin-main'>
        <View className='card business-search' role='search' aria-label='查找经营主体'>
          <TextField label='名称或许可证编号' className='business-q' value={draft.q} maxlength={50} onChange={(q) => setDraft((d) => ({ ...d, q }))} />
          <Choice<number>
            label='街道'
            options={[{ value: 0, label: '全部街道' }, ...streetOptions(areas)]}
            value={draft.streetId}
            onChange={(streetId) => setDraft((d) => ({ ...d, streetId }))}
          />
          <Choice<Grade | 'all'>
            label='分级'
            options={[{ value: 'all', label: '全部' }, ...GRADES.map((g) => ({ value: g, label: `${g} 级` }))]}
            value={draft.grade}
            onChange={(grade) => setDraft((d) => ({ ...d, grade }))}
          />
          <View className='admin-actions'>
            <Action className='business-search-submit' onPress={search}>
              查询
            </Action>
            <Action
              kind='plain'
              className='business-new'
              onPress={() => {
                setCreated(null);
                open({ mode: 'new' });
              }}
            >
              新增经营主体
            </Action>
          </View>
        </View>
        {created && <Notice>{created}</Notice>}
        <Failed message={error} onRetry={() => setReload((n) => n + 1)} />
        {page && (
          <View className='card'>
            {page.items.length === 0 && <View className='admin-text'>没有符合条件的经营主体。</View>}
            {/* A group, not a list: each row is a button that opens the business (a list may hold only list items). */}
            <View role='group' aria-label='经营主体'>
              {page.items.map((b) => {
                const choose = () => open({ mode: 'edit', id: b.id });
                const active = selected?.mode === 'edit' && selected.id === b.id;
                return (
                  <View
                    key={b.id}
                    className={`list-item admin-pick business-row${active ? ' admin-pick-active' : ''}`}
                    {...pressableAs('button', choose)}
                    aria-pressed={active ? 'true' : 'false'}
                  >
                    <View className='admin-row-title'>
                      {b.name} <Text className='tag'>{b.grade} 级</Text>
                    </View>
                    <View className='admin-text'>
                      {b.licenceNo} · {b.businessType.name} · {b.street.name}
                    </View>
                  </View>
                );
              })}
            </View>
            <Pager offset={offset} limit={LIMIT} total={page.total} onChange={setOffset} />
          </View>
        )}
      </View>
      <View className='admin-side'>
        {selected !== null && (
          <SidePanel control={panel} label={selected.mode === 'new' ? '新增经营主体' : '经营主体详情'}>
            {selected.mode === 'new' && (
              <BusinessForm
                areas={areas}
                types={types}
                business={null}
                onCreate={async (input) => {
                  const business = await createBusiness(input);
                  setCreated(`已新增经营主体：${business.name}`);
                  // The form gives way to the new business's detail: the focus (on 保存) goes with it.
                  open({ mode: 'edit', id: business.id });
                  setReload((n) => n + 1);
                }}
                onUpdate={async () => undefined}
                onCancel={close}
              />
            )}
            {selected.mode === 'edit' && (
              <BusinessDetailPanel
                key={selected.id}
                id={selected.id}
                areas={areas}
                types={types}
                onSaved={() => setReload((n) => n + 1)}
                onClose={close}
              />
            )}
          </SidePanel>
        )}
        {selected === null && <View className='card admin-text'>从列表中选择一个经营主体查看、编辑或重新指派包保干部。</View>}
      </View>
    </View>
  );
}

function BusinessesScreen() {
  const { areas, error, reload } = useAreas();
  const [view, setView] = useState<'registry' | 'commitments'>('registry');
  return (
    <View>
      <Failed message={error} onRetry={reload} />
      <Choice
        label='查看'
        className='business-view'
        options={[
          { value: 'registry', label: '经营主体与包保' },
          { value: 'commitments', label: '承诺书签订情况' },
        ]}
        value={view}
        onChange={setView}
      />
      {view === 'registry' ? <Registry areas={areas} /> : <CommitmentsView areas={areas} />}
    </View>
  );
}

/** 经营主体管理: the registry with grades and 包保, and the 承诺书 status per business. */
export default function AdminBusinessesPage() {
  return (
    <AdminShell current='/pages/admin/businesses' title='经营主体管理'>
      {() => <BusinessesScreen />}
    </AdminShell>
  );
}
