import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOME_LABELS,
  COMPLAINT_OUTCOMES,
  NOTICE_METHOD_LABELS,
  NOTICE_METHODS,
  NOTICE_PARTIES,
  NOTICE_PARTY_LABELS,
  REJECT_REASONS,
  WORKFLOW_ACTION_LABELS,
  type ComplaintOutcome,
  type RejectReason,
  type WorkbenchComplaint,
  type WorkflowActionCode,
} from '@sa/contracts';
import { ApiError, actOnComplaint, fetchReplyTemplates, type ReplyTemplate } from '../../api';
import { notify } from '../../components/notify';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { WbCheckboxGroup, WbRadioGroup } from '../../components/wb-choice';
import { WbInput, WbTextarea } from '../../components/wb-field';
import { pressable } from '../../components/pressable';
import { ACTION_NEEDS, buildActionRequest, emptyActionDraft, serverFieldErrors, type ActionDraft, type ActionErrors } from './action-request';
import { DecisionForm } from './decision-form';

const REASON_LABELS: Partial<Record<WorkflowActionCode, string>> = {
  extendVerification: '延期理由',
  extendCase: '延长办案期限的理由（须经批准）',
  mediationFailed: '调解不成的原因',
  noCase: '不予立案的理由',
  reopen: '重新打开的理由',
};

const rejectOptions = (Object.keys(REJECT_REASONS) as RejectReason[]).map((r) => ({ value: r, label: REJECT_REASONS[r] }));

function suggestedTransferTo(complaint: WorkbenchComplaint): string {
  const category = COMPLAINT_CATEGORIES[complaint.category];
  return 'transferTo' in category ? category.transferTo : '';
}

function ActionForm({ complaint, action, onDone, onCancel }: { complaint: WorkbenchComplaint; action: WorkflowActionCode; onDone: (c: WorkbenchComplaint) => void; onCancel: () => void }) {
  const needs = ACTION_NEEDS[action];
  const [draft, setDraft] = useState<ActionDraft>(() =>
    emptyActionDraft({ transferTo: suggestedTransferTo(complaint), partyName: complaint.business?.name ?? complaint.businessName ?? '' }),
  );
  const [errors, setErrors] = useState<ActionErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);
  const withTemplates = needs.includes('outcome') && needs.includes('reply');
  const label = WORKFLOW_ACTION_LABELS[action];

  useEffect(() => {
    if (!withTemplates) return;
    fetchReplyTemplates().then(
      (loaded) => {
        setTemplates(loaded);
        // An outcome chosen before the templates arrived still starts the reply from its template.
        setDraft((d) => {
          const template = loaded.find((t) => t.outcome === d.outcome)?.body;
          return d.outcome && d.reply.trim() === '' && template ? { ...d, reply: template } : d;
        });
      },
      () => setTemplates([]),
    );
  }, [withTemplates]);

  // A field the user changes loses its old message: it no longer describes what is there.
  const forget = (keys: string[]) =>
    setErrors((before) => (keys.some((k) => before[k]) ? Object.fromEntries(Object.entries(before).filter(([k]) => !keys.includes(k))) : before));
  const set = (change: Partial<ActionDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    forget(Object.keys(change));
  };
  const setDecision = (decision: ActionDraft['decision']) => {
    const changed = (Object.keys(decision) as (keyof typeof decision)[]).filter((k) => decision[k] !== draft.decision[k]);
    setDraft((d) => ({ ...d, decision }));
    forget(changed.map((k) => `decision.${k}`));
  };

  // Choosing an outcome starts the reply from its template, unless the user has already written their own.
  const chooseOutcome = (outcome: ComplaintOutcome) => {
    setDraft((d) => {
      const previous = templates.find((t) => t.outcome === d.outcome)?.body ?? '';
      const template = templates.find((t) => t.outcome === outcome)?.body;
      const untouched = d.reply.trim() === '' || d.reply === previous;
      return { ...d, outcome, reply: untouched && template ? template : d.reply };
    });
    forget(['outcome', ...(templates.some((t) => t.outcome === outcome) ? ['reply'] : [])]);
  };

  const submit = async () => {
    if (busy) return;
    const built = buildActionRequest(action, draft);
    if (!built.ok) {
      setErrors(built.errors);
      setFormError(null);
      showError(new FormError(Object.values(built.errors)[0]));
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      const updated = await actOnComplaint(complaint.id, built.body);
      notify(`已${label}`, 'success');
      onDone(updated);
    } catch (error) {
      if (error instanceof ApiError) setErrors(serverFieldErrors(error.details));
      setFormError(errorMessage(error));
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`wb-action-form wb-form-${action}`} role='group' aria-label={label}>
      <View className='card-title'>{label}</View>
      {needs.length === 0 && <View className='hint'>确认对 {complaint.trackingNo} 进行“{label}”？</View>}
      {needs.includes('rejectReason') && (
        <WbRadioGroup
          label='不予受理的法定理由'
          className='wb-reject-reason'
          value={draft.rejectReason}
          options={rejectOptions}
          onChange={(rejectReason) => set({ rejectReason })}
          error={errors.rejectReason}
        />
      )}
      {needs.includes('transferTo') && (
        <WbInput label='转交的承办部门' className='wb-transfer-to' value={draft.transferTo} maxlength={100} onChange={(transferTo) => set({ transferTo })} error={errors.transferTo} />
      )}
      {needs.includes('notifiedParties') && (
        <WbCheckboxGroup
          label='已告知（双方均须告知）'
          className='wb-notified'
          values={draft.notifiedParties}
          options={NOTICE_PARTIES.map((p) => ({ value: p, label: NOTICE_PARTY_LABELS[p] }))}
          onChange={(notifiedParties) => set({ notifiedParties })}
          error={errors.notifiedParties}
        />
      )}
      {needs.includes('noticeMethod') && (
        <WbRadioGroup
          label='告知方式'
          className='wb-notice-method'
          value={draft.noticeMethod}
          options={NOTICE_METHODS.map((m) => ({ value: m, label: NOTICE_METHOD_LABELS[m] }))}
          onChange={(noticeMethod) => set({ noticeMethod })}
          error={errors.noticeMethod}
        />
      )}
      {needs.includes('outcome') && (
        <WbRadioGroup
          label='办理结果'
          className='wb-outcome'
          value={draft.outcome}
          options={COMPLAINT_OUTCOMES.map((o) => ({ value: o, label: COMPLAINT_OUTCOME_LABELS[o] }))}
          onChange={chooseOutcome}
          error={errors.outcome}
        />
      )}
      {needs.includes('reason') && (
        <WbTextarea label={REASON_LABELS[action] ?? '理由'} className='wb-reason' value={draft.reason} maxlength={500} onChange={(reason) => set({ reason })} error={errors.reason} />
      )}
      {needs.includes('reply') && (
        <WbTextarea
          label={action === 'notifyTermination' ? '终止调解告知书内容' : action === 'notifyReporter' ? '告知内容' : '给反映人的答复'}
          className='wb-reply'
          value={draft.reply}
          maxlength={2000}
          hint={withTemplates ? '选择办理结果后，答复会以该结果的模板开头，可直接修改。' : undefined}
          onChange={(reply) => set({ reply })}
          error={errors.reply}
        />
      )}
      {needs.includes('decision') && <DecisionForm draft={draft.decision} onChange={setDecision} errors={errors} />}
      {formError && <View className='submit-error wb-form-error'>{formError}</View>}
      <View className='wb-form-buttons'>
        <Button className='btn-primary wb-submit-action' loading={busy} {...pressable(() => void submit())}>
          确认{label}
        </Button>
        <Button className='btn-plain wb-cancel-action' {...pressable(onCancel)}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** One button per action the workflow allows this viewer now; each opens the form for what it needs. */
export function ActionPanel({ complaint, onChanged }: { complaint: WorkbenchComplaint; onChanged: (c: WorkbenchComplaint) => void }) {
  const [open, setOpen] = useState<WorkflowActionCode | null>(null);
  useEffect(() => setOpen(null), [complaint.id, complaint.status]);
  if (complaint.actions.length === 0) return null;
  return (
    <View className='card wb-actions'>
      <View className='card-title'>办理</View>
      <View className='wb-action-buttons'>
        {complaint.actions.map((action) => (
          <Button
            key={action}
            className={`${open === action ? 'btn-primary' : 'btn-plain'} wb-action wb-action-${action}`}
            size='mini'
            aria-expanded={open === action ? 'true' : 'false'}
            {...pressable(() => setOpen(open === action ? null : action))}
          >
            {WORKFLOW_ACTION_LABELS[action]}
          </Button>
        ))}
      </View>
      {open && (
        <ActionForm
          key={open}
          complaint={complaint}
          action={open}
          onCancel={() => setOpen(null)}
          onDone={(updated) => {
            setOpen(null);
            onChanged(updated);
          }}
        />
      )}
    </View>
  );
}
