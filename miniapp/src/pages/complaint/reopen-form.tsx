import { useState } from 'react';
import { Button, Textarea, View } from '@tarojs/components';
import { reopenRequest, type ComplaintPublicView, type ReopenRequest } from '@sa/contracts';
import { pressable } from '../../components/pressable';
import { notify } from '../../components/notify';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { PhotoPicker, usePhotoUploads } from '../../components/photo-picker';
import './reopen-form.css';

const REASON_MAX = 500;

type Props = {
  /** the reporter's own report (with their token) or a tracked one (with the query code) */
  send: (body: ReopenRequest) => Promise<ComplaintPublicView>;
  onReopened: (view: ComplaintPublicView) => void;
};

/** 问题未解决，重新打开: within 15 days of resolution, with what is still wrong and new photos if there are any. */
export function ReopenForm({ send, onReopened }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const uploads = usePhotoUploads();

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (uploads.busy) throw new FormError('照片正在上传，请稍候再提交');
      if (uploads.failed) throw new FormError('有照片未上传成功，请重试或删除后再提交');
      // The server checks the same schema; a too-short reason is told here, before anything is sent.
      const parsed = reopenRequest.safeParse({ reason, photoIds: uploads.ids });
      if (!parsed.success) throw new FormError(parsed.error.issues[0]?.message);
      onReopened(await send(parsed.data));
      notify('已重新打开', 'success');
    } catch (failure) {
      setError(errorMessage(failure));
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card reopen'>
      <View className='card-title'>问题还没有解决？</View>
      <View className='muted'>办结后 15 日内，可以说明情况并重新打开，监管所将重新办理并重新计算办理期限。</View>
      {open ? (
        <View>
          <View className='reopen-label'>仍未解决的情况</View>
          <Textarea
            className='field textarea reopen-reason'
            value={reason}
            maxlength={REASON_MAX}
            placeholder='请说明哪些问题仍未解决'
            nativeProps={{ 'aria-label': '仍未解决的情况' }}
            onInput={(event) => setReason(event.detail.value)}
          />
          <PhotoPicker {...uploads} label='新的现场照片' />
          {error && (
            <View className='field-error' role='alert'>
              {error}
            </View>
          )}
          <Button className='btn-primary reopen-send' loading={busy} {...pressable(() => void submit())}>
            确认重新打开
          </Button>
        </View>
      ) : (
        <Button className='btn-plain reopen-start' {...pressable(() => setOpen(true))}>
          问题未解决，重新打开
        </Button>
      )}
    </View>
  );
}
