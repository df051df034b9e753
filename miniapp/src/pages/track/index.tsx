import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { trackComplaintQuery, type ComplaintPublicView } from '@sa/contracts';
import { fetchTrackedPhoto, reopenTrackedComplaint, trackComplaint } from '../../api';
import { rateTrackedComplaint } from '../../api/ratings';
import { ComplaintProgress } from '../../components/complaint-progress';
import { pressable } from '../../components/pressable';
import { RatingCard } from '../../components/rating-form';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { ReopenForm } from '../complaint/reopen-form';
import './index.css';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';

type Tracking = { trackingNo: string; queryCode: string };
type Found = { tracking: Tracking; complaint: ComplaintPublicView };

/** 进度查询: anyone with the tracking number and query code from the receipt, logged in or not. */
export default function TrackPage() {
  const elder = useElderPageClass();
  const { params } = useRouter();
  const [trackingNo, setTrackingNo] = useState(params.trackingNo ?? '');
  const [queryCode, setQueryCode] = useState(params.queryCode ?? '');
  const [found, setFound] = useState<Found | null>(null);
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
      setFound({ tracking: parsed.data, complaint: await trackComplaint(parsed.data) });
    } catch (failure) {
      setFound(null);
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

  // A guest has no token: the numbers that found the report are what lets them see its photos.
  const tracking = found?.tracking;
  const loadPhoto = useCallback(
    (uploadId: string) => (tracking ? fetchTrackedPhoto(uploadId, tracking) : Promise.reject(new FormError('请先查询'))),
    [tracking?.trackingNo, tracking?.queryCode],
  );

  return (
    <View className={`page track${elder}`}>
      <ElderPageNotice />
      <View className='card'>
        <View className='card-title'>查询办理进度</View>
        <View className='muted'>请输入提交时收到的受理编号和查询码。登录后提交的，可在“我的投诉举报”中直接查看。</View>
        <Text className='track-label'>受理编号</Text>
        <Input
          className='field tracking-no'
          value={trackingNo}
          maxlength={20}
          placeholder='受理编号，如 SA20261129-000123'
          confirmType='search'
          nativeProps={{ 'aria-label': '受理编号' }}
          onInput={(event) => setTrackingNo(event.detail.value)}
          onConfirm={() => void search()}
        />
        <Text className='track-label'>查询码</Text>
        <Input
          className='field query-code'
          value={queryCode}
          maxlength={12}
          placeholder='查询码'
          confirmType='search'
          nativeProps={{ 'aria-label': '查询码' }}
          onInput={(event) => setQueryCode(event.detail.value)}
          onConfirm={() => void search()}
        />
        {error && (
          <View className='field-error' role='alert'>
            {error}
          </View>
        )}
        <Button className='btn-primary track-search' loading={busy} {...pressable(() => void search())}>
          查询
        </Button>
      </View>
      {found && <ComplaintProgress complaint={found.complaint} loadPhoto={loadPhoto} />}
      {found?.complaint.rating && (
        <RatingCard
          key={found.complaint.id}
          state={found.complaint.rating}
          send={(input) => rateTrackedComplaint({ ...found.tracking, ...input })}
          onRated={() => void trackComplaint(found.tracking).then((complaint) => setFound({ tracking: found.tracking, complaint }), () => undefined)}
        />
      )}
      {found?.complaint.canReopen && (
        <ReopenForm
          send={(body) => reopenTrackedComplaint({ ...found.tracking, ...body })}
          onReopened={(complaint) => setFound({ tracking: found.tracking, complaint })}
        />
      )}
    </View>
  );
}
