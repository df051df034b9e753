import { useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { commitmentRecordInput, type MyBusiness } from '@sa/contracts';
import { ApiError, fetchMyBusinesses, recordCommitment } from '../../api';
import { GRADE_LABELS } from '../../api/labels';
import { formatDate } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { notify } from '../../components/notify';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { WbDate, WbInput } from '../../components/wb-field';
import { WbStaffGate } from '../../components/wb-staff-gate';
import { usePhotoUploads } from '../../components/photo-picker';
import { pressable } from '../../components/pressable';
import './index.css';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** 录入承诺书: the date the business signed the paper letter and one photo of it. */
function CommitmentForm({ business, onDone, onCancel }: { business: MyBusiness; onDone: () => void; onCancel: () => void }) {
  const [signedOn, setSignedOn] = useState(today());
  const photo = usePhotoUploads(1);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const uploaded = photo.photos[0];

  const submit = async () => {
    if (busy) return;
    const problems: Record<string, string> = {};
    if (photo.busy) problems.photoUploadId = '照片正在上传，请稍候';
    const parsed = commitmentRecordInput.safeParse({ businessId: business.id, signedOn, photoUploadId: photo.ids[0] });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        problems[key] ??= key === 'signedOn' ? '请选择签字日期' : key === 'photoUploadId' ? '请上传签字承诺书的照片' : '请检查填写的内容';
      }
    } else if (parsed.data.signedOn > today()) problems.signedOn = '签字日期不能晚于今天';
    if (Object.keys(problems).length > 0 || !parsed.success) {
      setErrors(problems);
      showError(new FormError(Object.values(problems)[0]));
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      await recordCommitment(parsed.data);
      notify('承诺书已录入', 'success');
      onDone();
    } catch (failure) {
      // The server's field errors (e.g. a date before the assignment began) go by their field, in its words;
      // its summary names the field in code (signedOn), which is not for the cadre to read.
      const byField: Record<string, string> = {};
      if (failure instanceof ApiError) for (const d of failure.details) if (d.path === 'signedOn' || d.path === 'photoUploadId') byField[d.path] ??= d.message;
      if (Object.keys(byField).length > 0) {
        setErrors(byField);
        showError(new FormError(Object.values(byField)[0]));
      } else {
        setFormError(errorMessage(failure));
        showError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='wb-commitment-form' role='group' aria-label={`录入 ${business.name} 的承诺书`}>
      <WbDate label='签字日期' className='wb-signed-on' value={signedOn} end={today()} onChange={setSignedOn} error={errors.signedOn} />
      <View className='field-label'>签字承诺书照片（1 张）</View>
      {uploaded && (
        <View className='wb-thumb'>
          <Image className='wb-thumb-img' src={uploaded.path} mode='aspectFill' />
          {uploaded.status !== 'done' && <Text className='wb-thumb-note'>{uploaded.status === 'uploading' ? '上传中…' : (uploaded.error ?? '上传失败')}</Text>}
        </View>
      )}
      <Button
        className='btn-plain wb-commitment-photo'
        size='mini'
        {...pressable(() => void photo.choose({ replace: true }))}
      >
        {uploaded ? '重新拍照' : '拍照或选择照片'}
      </Button>
      {errors.photoUploadId && <View className='field-error'>{errors.photoUploadId}</View>}
      {formError && <View className='submit-error'>{formError}</View>}
      <View className='wb-form-buttons'>
        <Button className='btn-primary wb-submit-commitment' loading={busy} {...pressable(() => void submit())}>
          确认录入
        </Button>
        <Button className='btn-plain wb-cancel-commitment' {...pressable(onCancel)}>
          取消
        </Button>
      </View>
    </View>
  );
}

function Businesses() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [list, setList] = useState<{ items: MyBusiness[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState<number | null>(null);

  const load = async (search: string) => {
    setError(null);
    try {
      setList(await fetchMyBusinesses(search));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  useEffect(() => void load(query), [query]);

  return (
    <View className='wb-businesses'>
      <View className='card'>
        <View className='card-title'>我包保的经营主体</View>
        <View className='wb-search'>
          <WbInput label='查找经营主体' className='wb-business-search' value={q} maxlength={50} placeholder='名称或许可证编号' onChange={setQ} onConfirm={() => setQuery(q.trim())} />
          <Button className='btn-primary wb-business-search-go' size='mini' {...pressable(() => setQuery(q.trim()))}>
            查找
          </Button>
        </View>
        <LoadError message={error} onRetry={() => void load(query)} />
        {!list && !error && <View className='hint'>加载中…</View>}
        {list && <View className='hint'>共 {list.total} 家</View>}
        {list && list.items.length === 0 && <View className='hint'>{query ? '没有符合的经营主体。' : '您目前没有包保的经营主体。'}</View>}
        {list?.items.map((b) => (
          <View key={b.id} className={`wb-business-row wb-business-${b.id}`}>
            <View className='detail-row wb-business-name'>
              {b.name}
              <Text className='tag'>{GRADE_LABELS[b.grade]}</Text>
              <Text className='tag'>{b.businessType.name}</Text>
            </View>
            <View className='detail-row'>{b.address}</View>
            <View className='muted'>
              {b.street.name} {b.community.name} · {b.office.name} · 许可证 {b.licenceNo}
            </View>
            <View className='detail-row'>
              {b.openComplaints > 0 ? (
                <View className='wb-open-line'>
                  <Text className='wb-open-count'>办理中的投诉举报 {b.openComplaints} 件</Text>
                  <Button className='btn-plain wb-open-complaints' size='mini' {...pressable(() => void Taro.redirectTo({ url: '/pages/workbench/index' }))}>
                    到工作台查看
                  </Button>
                </View>
              ) : (
                <Text className='muted'>没有办理中的投诉举报</Text>
              )}
            </View>
            <View className='detail-row wb-commitment'>
              承诺书：
              {b.commitment ? (
                <Text className='wb-signed'>
                  已签第 {b.commitment.version} 版，{formatDate(b.commitment.signedAt)} 签字
                </Text>
              ) : (
                <Text className='wb-unsigned'>未签</Text>
              )}
            </View>
            {recording === b.id ? (
              <CommitmentForm
                business={b}
                onCancel={() => setRecording(null)}
                onDone={() => {
                  setRecording(null);
                  void load(query);
                }}
              />
            ) : (
              <Button className='btn-plain wb-record-commitment' size='mini' {...pressable(() => setRecording(b.id), `录入 ${b.name} 的承诺书`)}>
                录入承诺书
              </Button>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}

/** 我包保的经营主体: the cadre's businesses, their open complaints and their commitment letters. */
export default function BusinessesPage() {
  return (
    <WbStaffGate current='/pages/workbench/businesses' roles={['CADRE']}>
      {() => <Businesses />}
    </WbStaffGate>
  );
}
