import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { rerouteRequest, type AreasTree, type CadreListItem, type WorkbenchComplaint } from '@sa/contracts';
import { rerouteComplaint, searchCadres } from '../../api';
import { notify } from '../../components/notify';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { WbRadioGroup } from '../../components/wb-choice';
import { WbInput, WbSelect, WbTextarea } from '../../components/wb-field';
import { pressable } from '../../components/pressable';

const NO_CADRE = 'none';

/** 改派: another office (and, optionally, a cadre), with the reason; the new office is notified. */
export function RerouteForm({ complaint, areas, onDone }: { complaint: WorkbenchComplaint; areas: AreasTree | null; onDone: (c: WorkbenchComplaint) => void }) {
  const [open, setOpen] = useState(false);
  const [officeId, setOfficeId] = useState(complaint.office ? String(complaint.office.id) : '');
  const [q, setQ] = useState('');
  const [cadres, setCadres] = useState<CadreListItem[] | null>(null);
  const [cadreId, setCadreId] = useState<string>(NO_CADRE);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <View className='card wb-reroute'>
        <Button className='btn-plain wb-open-reroute' size='mini' {...pressable(() => setOpen(true))}>
          改派监管所或包保干部
        </Button>
      </View>
    );
  }

  const findCadres = async () => {
    try {
      setCadres((await searchCadres(q)).items);
    } catch (error) {
      showError(error);
    }
  };

  const submit = async () => {
    if (busy) return;
    const parsed = rerouteRequest.safeParse({ officeId: officeId ? Number(officeId) : undefined, cadreId: cadreId === NO_CADRE ? null : Number(cadreId), reason });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        found[key] ??= key === 'officeId' ? '请选择监管所' : key === 'reason' ? '请说明改派理由' : '请选择包保干部';
      }
      setErrors(found);
      showError(new FormError(Object.values(found)[0]));
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      const updated = await rerouteComplaint(complaint.id, parsed.data);
      notify('已改派', 'success');
      setOpen(false);
      onDone(updated);
    } catch (error) {
      setFormError(errorMessage(error));
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card wb-reroute' role='group' aria-label='改派'>
      <View className='card-title'>改派</View>
      <WbSelect
        label='改派到监管所'
        className='wb-reroute-office'
        value={officeId}
        anyLabel='请选择'
        options={(areas?.offices ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
        onChange={setOfficeId}
        error={errors.officeId}
      />
      <WbInput label='查找包保干部（选填）' className='wb-cadre-search' value={q} maxlength={40} placeholder='姓名或职务' onChange={setQ} onConfirm={() => void findCadres()} />
      <Button className='btn-plain wb-cadre-search-go' size='mini' {...pressable(() => void findCadres())}>
        查找干部
      </Button>
      {cadres && cadres.length === 0 && <View className='hint'>没有找到符合的干部。</View>}
      <WbRadioGroup
        label='包保干部'
        className='wb-reroute-cadre'
        value={cadreId}
        options={[{ value: NO_CADRE, label: '不指定（由监管所安排）' }, ...(cadres ?? []).map((c) => ({ value: String(c.id), label: `${c.name}（${c.title}）` }))]}
        onChange={setCadreId}
        error={errors.cadreId}
      />
      <WbTextarea label='改派理由' className='wb-reroute-reason' value={reason} maxlength={500} onChange={setReason} error={errors.reason} />
      {formError && <View className='submit-error'>{formError}</View>}
      <View className='wb-form-buttons'>
        <Button className='btn-primary wb-submit-reroute' loading={busy} {...pressable(() => void submit())}>
          确认改派
        </Button>
        <Button className='btn-plain' {...pressable(() => setOpen(false))}>
          取消
        </Button>
      </View>
    </View>
  );
}
