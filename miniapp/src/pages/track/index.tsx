import { useEffect, useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { trackComplaintQuery, type ComplaintPublicView } from '@sa/contracts';
import { trackComplaint } from '../../api';
import { ComplaintProgress } from '../../components/complaint-progress';
import { FormError, errorMessage, showError } from '../../components/show-error';

/** 进度查询: anyone with the tracking number and query code from the receipt, logged in or not. */
export default function TrackPage() {
  const { params } = useRouter();
  const [trackingNo, setTrackingNo] = useState(params.trackingNo ?? '');
  const [queryCode, setQueryCode] = useState(params.queryCode ?? '');
  const [complaint, setComplaint] = useState<ComplaintPublicView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const parsed = trackComplaintQuery.safeParse({ trackingNo, queryCode });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new FormError(issue?.path[0] === 'queryCode' ? '请输入收据上的查询码（6–12 位）' : issue?.message);
      }
      setComplaint(await trackComplaint(parsed.data));
    } catch (failure) {
      setComplaint(null);
      setError(errorMessage(failure));
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  // Opened from a receipt with both numbers: show the progress straight away (once, for those numbers).
  useEffect(() => {
    if (params.trackingNo && params.queryCode) void search();
  }, []);

  return (
    <View className='page track'>
      <View className='card'>
        <View className='card-title'>查询办理进度</View>
        <View className='muted'>请输入提交时收到的受理编号和查询码。登录后提交的，可在“我的投诉举报”中直接查看。</View>
        <Input
          className='field tracking-no'
          value={trackingNo}
          maxlength={20}
          placeholder='受理编号，如 SA20261129-000123'
          onInput={(event) => setTrackingNo(event.detail.value)}
        />
        <Input
          className='field query-code'
          value={queryCode}
          maxlength={12}
          placeholder='查询码'
          onInput={(event) => setQueryCode(event.detail.value)}
        />
        {error && <View className='field-error'>{error}</View>}
        <Button className='btn-primary track-search' loading={busy} onClick={search}>
          查询
        </Button>
      </View>
      {complaint && <ComplaintProgress complaint={complaint} />}
    </View>
  );
}
