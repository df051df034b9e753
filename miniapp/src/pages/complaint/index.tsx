import { useEffect, useState } from 'react';
import { Button, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ComplaintPublicView } from '@sa/contracts';
import { fetchComplaint, reopenComplaint } from '../../api';
import { ComplaintProgress } from '../../components/complaint-progress';
import { FormError, errorMessage, showError } from '../../components/show-error';
import './index.css';

const REASON_MAX = 500;

/** One of the user's own reports: progress, the reply, and reopening it when it was not fixed. */
export default function ComplaintPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [complaint, setComplaint] = useState<ComplaintPublicView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = () => {
    setLoadError(null);
    if (!Number.isInteger(id) || id <= 0) {
      setLoadError('链接有误，请从“我的投诉举报”重新进入');
      return;
    }
    fetchComplaint(id)
      .then(setComplaint)
      .catch((error: unknown) => {
        setLoadError(errorMessage(error));
        showError(error);
      });
  };
  useEffect(load, [id]);

  return (
    <View className='page complaint'>
      {complaint === null && loadError === null && <View className='hint'>正在加载…</View>}
      {loadError !== null && (
        <View className='card'>
          <View className='hint'>{loadError}</View>
          <Button className='btn-plain' size='mini' onClick={load}>
            重新加载
          </Button>
        </View>
      )}
      {complaint && <ComplaintProgress complaint={complaint} />}
      {complaint?.canReopen && <Reopen id={complaint.id} onReopened={setComplaint} />}
    </View>
  );
}

function Reopen({ id, onReopened }: { id: number; onReopened: (view: ComplaintPublicView) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (reason.trim().length < 2) throw new FormError('请说明问题还有哪些没有解决');
      onReopened(await reopenComplaint(id, reason.trim()));
      void Taro.showToast({ title: '已重新打开', icon: 'success' });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card reopen'>
      <View className='card-title'>问题还没有解决？</View>
      <View className='muted'>办结后 15 日内，可以说明情况并重新打开，监管所将重新办理。</View>
      {open ? (
        <View>
          <Textarea
            className='field textarea reopen-reason'
            value={reason}
            maxlength={REASON_MAX}
            placeholder='请说明哪些问题仍未解决'
            onInput={(event) => setReason(event.detail.value)}
          />
          <Button className='btn-primary reopen-send' loading={busy} onClick={send}>
            确认重新打开
          </Button>
        </View>
      ) : (
        <Button className='btn-plain reopen-start' onClick={() => setOpen(true)}>
          问题未解决，重新打开
        </Button>
      )}
    </View>
  );
}
