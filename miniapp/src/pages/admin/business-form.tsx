import { useState } from 'react';
import { View } from '@tarojs/components';
import {
  GRADES,
  businessInput,
  businessPatch,
  type BusinessDetail,
  type BusinessInput,
  type BusinessPatch,
  type Grade,
  type Ref,
} from '@sa/contracts';
import { GRADE_LABELS } from '../../api/labels';
import { Action, Choice, TextField, Toggle, serverFieldErrors, zodFieldErrors, type Areas, type FieldErrors, streetOptions } from './ui';

type Values = {
  name: string;
  licenceNo: string;
  businessTypeId: number | null;
  grade: Grade | null;
  address: string;
  streetId: number | null;
  communityId: number | null;
  hasSafetyOfficer: boolean;
  hasSafetyDirector: boolean;
};

const EMPTY: Values = {
  name: '',
  licenceNo: '',
  businessTypeId: null,
  grade: null,
  address: '',
  streetId: null,
  communityId: null,
  hasSafetyOfficer: false,
  hasSafetyDirector: false,
};

const valuesOf = (b: BusinessDetail): Values => ({
  name: b.name,
  licenceNo: b.licenceNo,
  businessTypeId: b.businessType.id,
  grade: b.grade,
  address: b.address,
  streetId: b.street.id,
  communityId: b.community.id,
  hasSafetyOfficer: b.hasSafetyOfficer,
  hasSafetyDirector: b.hasSafetyDirector,
});

const REQUIRED: Partial<Record<keyof Values, string>> = {
  businessTypeId: '请选择经营类型',
  grade: '请选择分级',
  streetId: '请选择所在街道',
  communityId: '请选择所在社区',
};

// Codes about one field go by that field.
const FIELD_OF_CODE = { LICENCE_NO_TAKEN: 'licenceNo', AREA_MISMATCH: 'communityId' } as const;

/** The fields the edit changed, so a patch never rewrites what the admin did not touch. */
export function changedFields(before: Values, after: Values): Partial<Values> {
  const patch: Partial<Values> = {};
  for (const key of Object.keys(after) as (keyof Values)[]) {
    if (after[key] !== before[key]) (patch as Record<string, unknown>)[key] = after[key];
  }
  return patch;
}

type Props = {
  areas: Areas | null;
  types: readonly Ref[];
  /** null: a new business */
  business: BusinessDetail | null;
  onCreate: (input: BusinessInput) => Promise<void>;
  onUpdate: (patch: BusinessPatch) => Promise<void>;
  onCancel: () => void;
};

/** 新增 / 编辑经营主体: checked with the contract's schema before anything is sent. */
export function BusinessForm({ areas, types, business, onCreate, onUpdate, onCancel }: Props) {
  const initial = business ? valuesOf(business) : EMPTY;
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const street = areas?.streets.find((s) => s.id === values.streetId);

  const submit = async () => {
    if (busy) return;
    const missing: FieldErrors = {};
    for (const [key, message] of Object.entries(REQUIRED)) if (values[key as keyof Values] === null) missing[key] = message;
    const parsed = business
      ? businessPatch.safeParse(changedFields(initial, values))
      : businessInput.safeParse(values);
    const found = { ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...missing };
    setErrors(found);
    if (!parsed.success || Object.keys(missing).length > 0) return;
    if (business && Object.keys(parsed.data).length === 0) {
      setErrors({ form: '没有修改任何内容' });
      return;
    }
    setBusy(true);
    try {
      if (business) await onUpdate(parsed.data as BusinessPatch);
      else await onCreate(parsed.data as BusinessInput);
    } catch (failure) {
      setErrors(serverFieldErrors(failure, FIELD_OF_CODE));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card business-form' role='form' aria-label={business ? '编辑经营主体' : '新增经营主体'}>
      <View className='card-title'>{business ? `编辑：${business.name}` : '新增经营主体'}</View>
      <TextField label='名称' className='business-name' value={values.name} maxlength={100} onChange={(v) => set('name', v)} error={errors.name} />
      <TextField
        label='许可证编号'
        className='business-licence'
        value={values.licenceNo}
        maxlength={16}
        placeholder='JY 加 14 位数字'
        onChange={(v) => set('licenceNo', v)}
        error={errors.licenceNo}
      />
      <Choice
        label='经营类型'
        options={types.map((t) => ({ value: t.id, label: t.name }))}
        value={values.businessTypeId}
        onChange={(v) => set('businessTypeId', v)}
        error={errors.businessTypeId}
      />
      <Choice
        label='分级'
        className='business-grade'
        options={GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] }))}
        value={values.grade}
        onChange={(v) => set('grade', v)}
        error={errors.grade}
      />
      <TextField label='地址' className='business-address' value={values.address} onChange={(v) => set('address', v)} error={errors.address} />
      <Choice
        label='所在街道'
        options={streetOptions(areas)}
        value={values.streetId}
        onChange={(v) => setValues((old) => ({ ...old, streetId: v, communityId: old.streetId === v ? old.communityId : null }))}
        error={errors.streetId}
      />
      {street && (
        <Choice
          label='所在社区'
          options={street.communities.map((c) => ({ value: c.id, label: c.name }))}
          value={values.communityId}
          onChange={(v) => set('communityId', v)}
          error={errors.communityId}
        />
      )}
      {!street && errors.communityId && <View className='field-error'>{errors.communityId}</View>}
      <View className='admin-toggles'>
        <Toggle label='配备食品安全员' checked={values.hasSafetyOfficer} onChange={(v) => set('hasSafetyOfficer', v)} />
        <Toggle label='配备食品安全总监' checked={values.hasSafetyDirector} onChange={(v) => set('hasSafetyDirector', v)} />
      </View>
      {errors.form && <View className='field-error'>{errors.form}</View>}
      <View className='admin-actions'>
        <Action className='business-save' onPress={() => void submit()} disabled={busy}>
          {busy ? '正在保存…' : '保存'}
        </Action>
        <Action kind='plain' onPress={onCancel}>
          取消
        </Action>
      </View>
    </View>
  );
}
