import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PartnerKeyView } from '@sa/contracts';
import Taro from '../../test/fake-taro';
import { typeInto } from '../../test/fields';
import AdminPartnerKeysPage from './partner-keys';
import { ok, on, sentBy, signedInAs } from './admin-test-kit';

const aKey = (overrides: Partial<PartnerKeyView> = {}): PartnerKeyView => ({
  id: 7,
  name: '12345热线',
  keyPrefix: 'sa311_Xy9Q',
  createdAt: '2026-12-01T02:00:00.000Z',
  createdBy: '区食安办管理员',
  lastUsedAt: '2026-12-03T06:30:00.000Z',
  revokedAt: null,
  revokedBy: null,
  ...overrides,
});

describe('开放接口密钥', () => {
  it('lists keys with their prefix, when issued and last used, and which are revoked', async () => {
    await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/open311/keys', () =>
        ok([aKey(), aKey({ id: 6, name: '旧热线系统', keyPrefix: 'sa311_Ab3d', lastUsedAt: null, revokedAt: '2026-12-02T01:00:00.000Z', revokedBy: '王管理员' })]),
      ),
    );
    render(<AdminPartnerKeysPage />);

    const live = (await screen.findByText('密钥前缀：sa311_Xy9Q…')).closest('.partner-key-row')!;
    expect(live.textContent).toContain('使用中');
    expect(live.textContent).toContain('签发：2026-12-01 10:00（区食安办管理员）');
    expect(live.textContent).toContain('最近使用：2026-12-03 14:30');
    const old = screen.getByText('密钥前缀：sa311_Ab3d…').closest('.partner-key-row')!;
    expect(old.textContent).toContain('已停用');
    expect(old.textContent).toContain('最近使用：从未使用');
    expect(old.textContent).toContain('停用：2026-12-02 09:00（王管理员）');
    expect(old.querySelector('.partner-key-revoke')).toBeNull();
  });

  it('issues a key for a named partner, shows it once with a copy button, and lists it without the key', async () => {
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/open311/keys', () => ok([])),
      on('POST', '/api/v1/admin/open311/keys', () => ({ statusCode: 201, data: { ...aKey({ lastUsedAt: null }), apiKey: 'sa311_Xy9QsecretsecretsecretsecretAB' } })),
    );
    const { container } = render(<AdminPartnerKeysPage />);
    await screen.findByText('还没有签发接口密钥。');

    act(() => screen.getByText('签发密钥').click());
    expect(await screen.findByText('请填写合作方名称（至少 2 个字）')).toBeTruthy();
    expect(sentBy(sent, 'POST', '/api/v1/admin/open311/keys')).toHaveLength(0);

    await typeInto(container, 'partner-key-name', '12345热线');
    act(() => screen.getByText('签发密钥').click());

    expect(await screen.findByText('sa311_Xy9QsecretsecretsecretsecretAB')).toBeTruthy();
    expect(screen.getByText(/密钥只显示这一次/)).toBeTruthy();
    expect(sentBy(sent, 'POST', '/api/v1/admin/open311/keys').map((r) => r.data)).toEqual([{ name: '12345热线' }]);
    await act(async () => screen.getByLabelText('复制 12345热线 的接口密钥').click());
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'sa311_Xy9QsecretsecretsecretsecretAB' });
    expect(screen.getByText('密钥前缀：sa311_Xy9Q…').closest('.partner-key-row')!.textContent).not.toContain('secret');

    act(() => screen.getByText('我已保存，关闭').click());
    expect(screen.queryByText('sa311_Xy9QsecretsecretsecretsecretAB')).toBeNull();
    expect(screen.getByText('签发密钥')).toBeTruthy();
  });

  it('revokes only after the admin confirms, and can be cancelled', async () => {
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/open311/keys', () => ok([aKey()])),
      on('POST', '/api/v1/admin/open311/keys/7/revoke', () => ok(aKey({ revokedAt: '2026-12-03T08:00:00.000Z', revokedBy: '区食安办管理员' }))),
    );
    render(<AdminPartnerKeysPage />);

    const revoke = await screen.findByLabelText('停用 12345热线 的密钥');
    act(() => revoke.click());
    expect(screen.getByText(/停用不能撤销，确定停用？/)).toBeTruthy();
    act(() => screen.getByText('取消').click());
    expect(screen.queryByText(/确定停用？/)).toBeNull();
    expect(sentBy(sent, 'POST', '/api/v1/admin/open311/keys/7/revoke')).toHaveLength(0);

    act(() => screen.getByLabelText('停用 12345热线 的密钥').click());
    act(() => screen.getByText('确认停用').click());

    expect(await screen.findByText('已停用 12345热线 的接口密钥')).toBeTruthy();
    await waitFor(() => expect(sentBy(sent, 'POST', '/api/v1/admin/open311/keys/7/revoke')).toHaveLength(1));
    const row = screen.getByText('密钥前缀：sa311_Xy9Q…').closest('.partner-key-row')!;
    expect(row.textContent).toContain('已停用');
    expect(row.textContent).toContain('停用：2026-12-03 16:00（区食安办管理员）');
    expect(row.querySelector('.partner-key-revoke')).toBeNull();
  });
});
