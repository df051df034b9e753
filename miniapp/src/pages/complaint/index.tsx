import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ComplaintPublicView } from '@sa/contracts';
import { fetchComplaint, fetchPhoto, reopenComplaint } from '../../api';
import { rateComplaint } from '../../api/ratings';
import { ComplaintProgress } from '../../components/complaint-progress';
import { pressable } from '../../components/pressable';
import { RatingCard } from '../../components/rating-form';
import { errorMessage, showError } from '../../components/show-error';
import { ReopenForm } from './reopen-form';
import './index.css';
import { ElderPageNotice, useElderPageClass } from '../../components/elder-page';

/** One of the user's own reports: progress, the reply, 好差评, and reopening it when it was not fixed. */
export default function ComplaintPage() {
  const elder = useElderPageClass();
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
    <View className={`page complaint${elder}`}>
      <ElderPageNotice />
      {complaint === null && loadError === null && <View className='hint'>正在加载…</View>}
      {loadError !== null && (
        <View className='card'>
          <View className='hint'>{loadError}</View>
          <Button className='btn-plain' size='mini' {...pressable(load)}>
            重新加载
          </Button>
        </View>
      )}
      {complaint && <ComplaintProgress complaint={complaint} loadPhoto={fetchPhoto} />}
      {complaint?.rating && (
        <RatingCard
          key={complaint.id}
          state={complaint.rating}
          send={(input) => rateComplaint(complaint.id, input)}
          onRated={() => void fetchComplaint(complaint.id).then(setComplaint, () => undefined)}
        />
      )}
      {complaint?.canReopen && <ReopenForm send={(body) => reopenComplaint(complaint.id, body)} onReopened={setComplaint} />}
    </View>
  );
}
