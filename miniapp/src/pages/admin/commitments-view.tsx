import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { CADRE_TIER_LABELS, type CommitmentStatusRow, type Page } from '@sa/contracts';
import { fetchCommitmentStatus } from '../../api';
import { errorMessage } from '../../components/show-error';
import { formatDate } from '../../components/format';
import { Choice, Failed, Pager, TextField, streetOptions, type Areas } from './ui';

const LIMIT = 20;
type Status = 'all' | 'signed' | 'unsigned';

/** 承诺书签订情况: each business's current 包保 cadre and whether the current letter is signed. */
export function CommitmentsView({ areas }: { areas: Areas | null }) {
  const [status, setStatus] = useState<Status>('unsigned');
  const [streetId, setStreetId] = useState<number>(0);
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<CommitmentStatusRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stale = false;
    setError(null);
    fetchCommitmentStatus({
      status: status === 'all' ? undefined : status,
      streetId: streetId || undefined,
      q: q.trim() || undefined,
      limit: LIMIT,
      offset,
    })
      .then((result) => !stale && setPage(result))
      .catch((failure: unknown) => !stale && setError(errorMessage(failure)));
    return () => {
      stale = true;
    };
  }, [status, streetId, q, offset, attempt]);

  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setOffset(0);
  };

  return (
    <View className='card commitments-view'>
      <View className='card-title'>承诺书签订情况</View>
      <Choice<Status>
        label='签订情况'
        options={[
          { value: 'unsigned', label: '未签订' },
          { value: 'signed', label: '已签订' },
          { value: 'all', label: '全部' },
        ]}
        value={status}
        onChange={filter(setStatus)}
      />
      <Choice<number> label='街道' options={[{ value: 0, label: '全部街道' }, ...streetOptions(areas)]} value={streetId} onChange={filter(setStreetId)} />
      <TextField label='名称或许可证编号' className='commitment-q' value={q} maxlength={50} onChange={filter(setQ)} />
      <Failed message={error} onRetry={() => setAttempt((n) => n + 1)} />
      {page && page.items.length === 0 && <View className='admin-text'>没有符合条件的经营主体。</View>}
      {page && (
        <View role='list' aria-label='承诺书签订情况'>
          {page.items.map((row) => (
            <View key={row.id} className='list-item commitment-row' role='listitem'>
              <View className='admin-row-title'>
                {row.name}（{row.grade} 级）
              </View>
              <View className='admin-text'>
                {row.licenceNo} · {row.street.name}
              </View>
              <View className='admin-text'>
                {row.cadre ? `包保干部：${row.cadre.name}（${CADRE_TIER_LABELS[row.cadre.tier]}）` : '未指派包保干部'}
              </View>
              <View className={`admin-text${row.commitment ? '' : ' admin-warn'}`}>
                {row.commitment ? `承诺书已签订：第 ${row.commitment.version} 版，${formatDate(row.commitment.signedAt)}` : '承诺书未签订'}
              </View>
            </View>
          ))}
          <Pager offset={offset} limit={LIMIT} total={page.total} onChange={setOffset} />
        </View>
      )}
    </View>
  );
}
