import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  CADRE_TIER_LABELS,
  TIER_FOR_GRADE,
  assignmentInput,
  type AssignmentView,
  type BusinessDetail,
  type CadreListItem,
} from '@sa/contracts';
import { assignCadre, fetchCadres } from '../../api';
import { errorMessage } from '../../components/show-error';
import { formatDate } from '../../components/format';

import { pressableAs } from '../../components/pressable';
import { Action, TextField } from './ui';

/** 包保历史: who answered for the business when, with every commitment letter signed under each assignment. */
export function AssignmentHistory({ history }: { history: AssignmentView[] | null }) {
  if (history === null) return <View className='hint'>正在加载包保记录…</View>;
  if (history.length === 0) return <View className='admin-text'>尚无包保记录。</View>;
  // Newest first: the current assignment is what the admin looks for.
  const rows = [...history].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  return (
    <View className='assignment-history' role='list' aria-label='包保记录'>
      {rows.map((a) => (
        <View key={a.id} className='list-item assignment-row' role='listitem'>
          <View className='admin-row-title'>
            {a.cadre.name}（{CADRE_TIER_LABELS[a.cadre.tier]}）{a.endedAt === null && <Text className='tag'>当前</Text>}
          </View>
          <View className='admin-text'>{a.cadre.title}</View>
          <View className='admin-text'>
            {formatDate(a.startedAt)} 至 {a.endedAt ? formatDate(a.endedAt) : '今'}
            {a.endReason ? `，解除原因：${a.endReason}` : ''}
          </View>
          {a.commitments.length === 0 ? (
            <View className='admin-text admin-warn'>未签订承诺书</View>
          ) : (
            a.commitments.map((c) => (
              <View key={c.id} className='admin-text'>
                承诺书第 {c.version} 版，签订于 {formatDate(c.signedAt)}
                {c.supersededAt ? `，${formatDate(c.supersededAt)} 失效${c.supersededReason ? `（${c.supersededReason}）` : ''}` : '，有效'}
              </View>
            ))
          )}
        </View>
      ))}
    </View>
  );
}

/**
 * 重新指派包保干部: the cadre search offers only the tier the grade needs (A 市级 … D 社区); the server still checks
 * the rule and its refusal (TIER_MISMATCH, CADRE_OUT_OF_AREA, CADRE_INACTIVE) is shown as it says it.
 */
export function ReassignForm({ business, onAssigned }: { business: BusinessDetail; onAssigned: () => void }) {
  const tier = TIER_FOR_GRADE[business.grade];
  const [q, setQ] = useState('');
  const [cadres, setCadres] = useState<CadreListItem[] | null>(null);
  const [cadreId, setCadreId] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stale = false;
    // Street and community cadres are looked for in the business's street; city and district ones anywhere.
    const streetId = tier === 'STREET' || tier === 'COMMUNITY' ? business.street.id : undefined;
    fetchCadres({ tier, q: q.trim() || undefined, active: true, streetId, limit: 20 })
      .then((page) => !stale && setCadres(page.items))
      .catch((failure: unknown) => !stale && setError(errorMessage(failure)));
    return () => {
      stale = true;
    };
  }, [tier, q, business.street.id]);

  const submit = async () => {
    if (busy) return;
    setDone(null);
    const parsed = assignmentInput.safeParse({ businessId: business.id, cadreId, reason: reason.trim() || undefined });
    if (!parsed.success || cadreId === null) {
      setError('请选择包保干部');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const assignment = await assignCadre(parsed.data);
      setDone(`已指派 ${assignment.cadre.name} 包保该经营主体，原包保关系已解除。`);
      setCadreId(null);
      setReason('');
      onAssigned();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='reassign-form' role='form' aria-label='重新指派包保干部'>
      <View className='admin-text'>
        {business.grade} 级经营主体须由{CADRE_TIER_LABELS[tier]}干部包保。
      </View>
      <TextField label='查找干部（姓名或职务）' className='cadre-search' value={q} maxlength={40} onChange={setQ} />
      {cadres === null ? (
        <View className='hint'>正在查找…</View>
      ) : cadres.length === 0 ? (
        <View className='admin-text'>没有符合条件的{CADRE_TIER_LABELS[tier]}干部。</View>
      ) : (
        <View className='chips' role='radiogroup' aria-label='包保干部'>
          {cadres.map((c) => {
            const selected = c.id === cadreId;
            const choose = () => setCadreId(c.id);
            return (
              <View
                key={c.id}
                className={`chip admin-chip cadre-option${selected ? ' chip-selected' : ''}`}
                {...pressableAs('radio', choose)}
                aria-checked={selected ? 'true' : 'false'}
              >
                {c.name} · {c.area.name} · {c.title}
              </View>
            );
          })}
        </View>
      )}
      <TextField label='指派原因' className='assign-reason' value={reason} onChange={setReason} />
      {error && (
        <View className='field-error' role='alert'>
          {error}
        </View>
      )}
      {done && <View className='admin-ok'>{done}</View>}
      <Action className='assign-submit' onPress={() => void submit()} disabled={busy}>
        {busy ? '正在指派…' : '确认指派'}
      </Action>
    </View>
  );
}
