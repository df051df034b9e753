import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { FOLLOW_UP_KIND_LABELS, FOLLOW_UP_KINDS, followUpInput, type FollowUpKind, type WorkbenchComplaint } from '@sa/contracts';
import { addFollowUp, fetchWorkbenchComplaint } from '../../api';
import { notify } from '../../components/notify';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { WbRadioGroup } from '../../components/wb-choice';
import { WbTextarea } from '../../components/wb-field';
import { PhotoPicker, usePhotoUploads } from '../../components/photo-picker';
import { pressable } from '../../components/pressable';

/** 跟进记录: what the cadre did about the complaint; the office sees it, the reporter never does. */
export function FollowUpForm({ complaint, onDone }: { complaint: WorkbenchComplaint; onDone: (c: WorkbenchComplaint) => void }) {
  const [kind, setKind] = useState<FollowUpKind | null>(null);
  const [note, setNote] = useState('');
  const photos = usePhotoUploads();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const problems: Record<string, string> = {};
    if (!kind) problems.kind = '请选择跟进方式';
    if (note.trim().length < 2) problems.note = '请填写跟进情况';
    if (photos.busy) problems.photos = '照片正在上传，请稍候';
    else if (photos.failed) problems.photos = '有照片未上传成功，请删除后重新添加';
    const parsed = followUpInput.safeParse({ kind, note, photoIds: photos.ids });
    if (!parsed.success) for (const issue of parsed.error.issues) problems[String(issue.path[0])] ??= /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : '请检查填写的内容';
    if (Object.keys(problems).length > 0 || !parsed.success) {
      setErrors(problems);
      showError(new FormError(Object.values(problems)[0]));
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      await addFollowUp(complaint.id, parsed.data);
      notify('已添加跟进记录', 'success');
      setKind(null);
      setNote('');
      photos.reset();
      onDone(await fetchWorkbenchComplaint(complaint.id));
    } catch (error) {
      setFormError(errorMessage(error));
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card wb-follow-up-form' role='group' aria-label='添加跟进记录'>
      <View className='card-title'>添加跟进记录</View>
      <WbRadioGroup
        label='跟进方式'
        className='wb-follow-up-kind'
        value={kind}
        options={FOLLOW_UP_KINDS.map((k) => ({ value: k, label: FOLLOW_UP_KIND_LABELS[k] }))}
        onChange={setKind}
        error={errors.kind}
      />
      <WbTextarea label='跟进情况' className='wb-follow-up-note' value={note} maxlength={1000} onChange={setNote} error={errors.note} />
      <PhotoPicker {...photos} error={errors.photos} help={null} />
      <View className='muted'>跟进记录由承办监管所查看，并记入办理记录；反映人看不到。</View>
      {formError && <View className='submit-error'>{formError}</View>}
      {/* Taro's Button is a custom element on h5 that Tab skips: pressable gives it a tab stop and Enter/Space. */}
      <Button className='btn-primary wb-submit-follow-up' loading={busy} {...pressable(() => void submit())}>
        提交跟进记录
      </Button>
    </View>
  );
}
