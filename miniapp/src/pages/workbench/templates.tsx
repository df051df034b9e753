import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import { replyTemplateInput } from '@sa/contracts';
import { fetchReplyTemplates, saveReplyTemplate, type ReplyTemplate } from '../../api';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/load-error';
import { notify } from '../../components/notify';
import { FormError, errorMessage, showError } from '../../components/show-error';
import { WbTextarea } from '../../components/wb-field';
import { pressable } from '../../components/pressable';
import { WbStaffGate } from '../../components/wb-staff-gate';
import './index.css';

function TemplateEditor({ template, onSaved }: { template: ReplyTemplate; onSaved: (t: ReplyTemplate) => void }) {
  const [body, setBody] = useState(template.body);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const unchanged = body === template.body;
  const save = async () => {
    // The keyboard reaches a disabled Button too: nothing to save is not an error, just nothing to do.
    if (busy || unchanged) return;
    const parsed = replyTemplateInput.safeParse({ body });
    if (!parsed.success) {
      setError('模板内容须为 5–2000 字');
      showError(new FormError('模板内容须为 5–2000 字'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const saved = await saveReplyTemplate(template.outcome, parsed.data.body);
      setBody(saved.body);
      onSaved(saved);
      notify('已保存', 'success');
    } catch (failure) {
      setError(errorMessage(failure));
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`card wb-template wb-template-${template.outcome}`}>
      <WbTextarea label={`办理结果：${template.label}`} className={`wb-template-body-${template.outcome}`} value={body} maxlength={2000} onChange={setBody} error={error} />
      <View className='wb-saved-at'>{template.updatedAt ? `上次保存：${formatDateTime(template.updatedAt)}` : '尚未修改，使用系统默认模板'}</View>
      <Button
        className='btn-primary wb-save-template'
        size='mini'
        loading={busy}
        disabled={unchanged}
        {...pressable(() => void save(), `保存“${template.label}”的模板`)}
        aria-disabled={unchanged ? 'true' : undefined}
      >
        保存
      </Button>
    </View>
  );
}

function Templates() {
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      setTemplates(await fetchReplyTemplates());
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  useEffect(() => void load(), []);
  const saved = (t: ReplyTemplate) => setTemplates((list) => list?.map((x) => (x.outcome === t.outcome ? t : x)) ?? null);

  return (
    <View className='wb-templates'>
      <View className='card'>
        <View className='card-title'>答复模板</View>
        <View className='hint'>办结答复时，选择办理结果会以对应模板开头，承办人可再修改。每个结果一个模板，分别保存。</View>
        <LoadError message={error} onRetry={() => void load()} />
        {!templates && !error && <View className='hint'>加载中…</View>}
      </View>
      {templates?.map((t) => <TemplateEditor key={t.outcome} template={t} onSaved={saved} />)}
    </View>
  );
}

/** 答复模板: one reply template per outcome, for office staff and the admin. */
export default function TemplatesPage() {
  return (
    <WbStaffGate current='/pages/workbench/templates' roles={['OFFICE_STAFF', 'ADMIN']}>
      {() => <Templates />}
    </WbStaffGate>
  );
}
