import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { partnerKeyCreateInput, type PartnerKeyIssued, type PartnerKeyView } from '@sa/contracts';
import { fetchPartnerKeys, issuePartnerKey, revokePartnerKey } from '../../api';
import { copyText } from '../../components/clipboard';
import { errorMessage } from '../../components/show-error';
import { focusSoon } from '../../components/focus-soon';
import { formatDateTime } from '../../components/format';
import { pressable } from '../../components/pressable';
import { PrivacyConsent } from '../../components/privacy-consent';
import { AdminShell } from './admin-shell';
import { Action, Failed, Notice, TextField, serverFieldErrors, zodFieldErrors, type FieldErrors } from './ui';

function IssueForm({ onIssued }: { onIssued: (issued: PartnerKeyIssued) => void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const issue = async () => {
    if (busy) return;
    const parsed = partnerKeyCreateInput.safeParse({ name });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onIssued(await issuePartnerKey(parsed.data));
      setName('');
    } catch (failure) {
      setErrors(serverFieldErrors(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card partner-key-form' role='form' aria-label='签发接口密钥'>
      <View className='card-title'>签发接口密钥</View>
      <View className='admin-text'>
        合作方（如 12345 热线）通过 Open311 接口（/open311/v2）转来投诉举报、查询办理状态；提交时须带上本页签发的 api_key。每个合作方单独签发一个密钥，便于停用。
      </View>
      <TextField label='合作方名称（如 12345热线）' className='partner-key-name' value={name} maxlength={60} onChange={setName} error={errors.name} />
      {errors.form && <View className='field-error'>{errors.form}</View>}
      <Action className='partner-key-issue' onPress={() => void issue()} disabled={busy}>
        {busy ? '正在签发…' : '签发密钥'}
      </Action>
    </View>
  );
}

/**
 * The key, this once: it is kept only as a hash, so it cannot be shown again. Right under the form that issued it
 * (on a phone, above the list), and it takes the focus, so the admin sees it without scrolling.
 */
function IssuedKey({ issued, onDone }: { issued: PartnerKeyIssued; onDone: () => void }) {
  const copy = () => void copyText(issued.apiKey, { at: `key-${issued.id}` });
  return (
    <View id={`partner-key-issued-${issued.id}`} className='card partner-key-issued' role='alert' {...{ tabIndex: -1 }}>
      <View className='card-title'>已为 {issued.name} 签发密钥</View>
      <View className='admin-text'>密钥只显示这一次：请立即复制，通过安全渠道交给合作方。离开本页后无法再次查看，遗失只能停用后重新签发。</View>
      <View className='admin-text'>
        {/* selectable: on h5 the key can also be selected and copied by hand */}
        <Text className='partner-key-secret' selectable userSelect>
          {issued.apiKey}
        </Text>
        <Text className='link admin-copy partner-key-copy' {...pressable(copy)} aria-label={`复制 ${issued.name} 的接口密钥`}>
          复制
        </Text>
      </View>
      <PrivacyConsent purpose='clipboard' at={`key-${issued.id}`} />
      <Action kind='plain' className='partner-key-done' onPress={onDone}>
        我已保存，关闭
      </Action>
    </View>
  );
}

function KeyRow({ apiKey, onRevoked }: { apiKey: PartnerKeyView; onRevoked: (key: PartnerKeyView) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rowId = `partner-key-${apiKey.id}`;

  const ask = () => {
    setError(null);
    setConfirming(true);
    focusSoon(`#${rowId} .partner-key-confirm`);
  };
  const cancel = () => {
    setConfirming(false);
    focusSoon(`#${rowId} .partner-key-revoke`);
  };
  const revoke = async () => {
    if (busy) return;
    setBusy(true);
    try {
      onRevoked(await revokePartnerKey(apiKey.id));
      setConfirming(false);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const revoked = apiKey.revokedAt !== null;
  return (
    <View id={rowId} className='list-item partner-key-row' role='listitem'>
      <View className='admin-row-title'>
        {apiKey.name} {revoked ? <Text className='tag admin-tag-off'>已停用</Text> : <Text className='tag'>使用中</Text>}
      </View>
      <View className='admin-text'>密钥前缀：{apiKey.keyPrefix}…</View>
      <View className='admin-text'>
        签发：{formatDateTime(apiKey.createdAt)}
        {apiKey.createdBy ? `（${apiKey.createdBy}）` : ''}
      </View>
      <View className='admin-text'>最近使用：{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : '从未使用'}</View>
      {apiKey.revokedAt && (
        <View className='admin-text'>
          停用：{formatDateTime(apiKey.revokedAt)}
          {apiKey.revokedBy ? `（${apiKey.revokedBy}）` : ''}
        </View>
      )}
      {!revoked && !confirming && (
        <Action kind='danger' className='partner-key-revoke' onPress={ask} label={`停用 ${apiKey.name} 的密钥`}>
          停用
        </Action>
      )}
      {!revoked && confirming && (
        <View className='partner-key-confirm-box' role='group' aria-label={`停用 ${apiKey.name} 的密钥？`}>
          <View className='admin-text'>停用后 {apiKey.name} 将无法再通过接口提交，已转来的投诉举报不受影响。停用不能撤销，确定停用？</View>
          <View className='admin-actions'>
            <Action kind='danger' className='partner-key-confirm' onPress={() => void revoke()} disabled={busy}>
              确认停用
            </Action>
            <Action kind='plain' className='partner-key-cancel' onPress={cancel}>
              取消
            </Action>
          </View>
        </View>
      )}
      {error && <View className='field-error'>{error}</View>}
    </View>
  );
}

function PartnerKeysScreen() {
  const [keys, setKeys] = useState<PartnerKeyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Keys issued on this visit and not yet closed, newest first: a second key never hides the first one unsaved.
  const [issued, setIssued] = useState<PartnerKeyIssued[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    fetchPartnerKeys()
      .then(setKeys)
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, []);
  useEffect(load, [load]);

  const issue = (key: PartnerKeyIssued) => {
    setMessage(null);
    setIssued((shown) => [key, ...shown]);
    const { apiKey: _shownOnce, ...view } = key;
    setKeys((list) => [view, ...(list ?? [])]);
    focusSoon(`#partner-key-issued-${key.id}`, { scroll: true });
  };
  const revoked = (key: PartnerKeyView) => {
    setMessage(`已停用 ${key.name} 的接口密钥`);
    setKeys((list) => list?.map((item) => (item.id === key.id ? key : item)) ?? null);
    // The key on the card no longer works: the card would only mislead.
    setIssued((shown) => shown.filter((item) => item.id !== key.id));
  };

  // The form and the key it issued come first: on a phone the columns stack, and the key must not land below the list.
  return (
    <View className='admin-split partner-keys-split'>
      <View className='admin-side'>
        <IssueForm onIssued={issue} />
        {issued.map((key) => (
          <IssuedKey key={key.id} issued={key} onDone={() => setIssued((shown) => shown.filter((item) => item.id !== key.id))} />
        ))}
      </View>
      <View className='admin-main'>
        <Failed message={error} onRetry={load} />
        {message && <Notice>{message}</Notice>}
        {keys && (
          <View className='card'>
            {keys.length === 0 && <View className='admin-text'>还没有签发接口密钥。</View>}
            {keys.length > 0 && (
              <View role='list' aria-label='接口密钥'>
                {keys.map((k) => (
                  <KeyRow key={k.id} apiKey={k} onRevoked={revoked} />
                ))}
              </View>
            )}
          </View>
        )}
      </View>
    </View>
  );
}

/** 开放接口密钥: keys for Open311 partners such as the 12345 hotline. */
export default function AdminPartnerKeysPage() {
  return (
    <AdminShell current='/pages/admin/partner-keys' title='开放接口密钥'>
      {() => <PartnerKeysScreen />}
    </AdminShell>
  );
}
