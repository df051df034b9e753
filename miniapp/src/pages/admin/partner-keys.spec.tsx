import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PartnerKeyView } from '@sa/contracts';
import Taro from '../../test/fake-taro';
import { typeInto } from '../../test/fields';
import { agreeOn, launchWeappWithPrivacyCheck } from '../../test/fake-wechat-privacy';
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

  const SECRET = 'sa311_Xy9QsecretsecretsecretsecretAB';
  const issuing = () => on('POST', '/api/v1/admin/open311/keys', () => ({ statusCode: 201, data: { ...aKey({ lastUsedAt: null }), apiKey: SECRET } }));
  const issue = async (container: HTMLElement) => {
    await typeInto(container, 'partner-key-name', '12345热线');
    act(() => screen.getByText('签发密钥').click());
    await screen.findByText(SECRET);
    return container.querySelector<HTMLElement>('.partner-key-issued')!;
  };
  const follows = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

  it('issues a key for a named partner, shows it once with a copy button, and lists it without the key', async () => {
    const sent = await signedInAs('ADMIN', on('GET', '/api/v1/admin/open311/keys', () => ok([])), issuing());
    const { container } = render(<AdminPartnerKeysPage />);
    await screen.findByText('还没有签发接口密钥。');

    act(() => screen.getByText('签发密钥').click());
    expect(await screen.findByText('请填写合作方名称（至少 2 个字）')).toBeTruthy();
    expect(sentBy(sent, 'POST', '/api/v1/admin/open311/keys')).toHaveLength(0);

    await issue(container);
    expect(screen.getByText(/密钥只显示这一次/)).toBeTruthy();
    expect(sentBy(sent, 'POST', '/api/v1/admin/open311/keys').map((r) => r.data)).toEqual([{ name: '12345热线' }]);
    await act(async () => screen.getByLabelText('复制 12345热线 的接口密钥').click());
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: SECRET });
    expect(screen.getByText('密钥前缀：sa311_Xy9Q…').closest('.partner-key-row')!.textContent).not.toContain('secret');

    act(() => screen.getByText('我已保存，关闭').click());
    expect(screen.queryByText(SECRET)).toBeNull();
    expect(screen.getByText('签发密钥')).toBeTruthy();
  });

  it('puts the new key right under the form, before the list (a phone stacks them), and moves the focus to it', async () => {
    await signedInAs('ADMIN', on('GET', '/api/v1/admin/open311/keys', () => ok([aKey({ id: 6, name: '旧热线系统', keyPrefix: 'sa311_Ab3d' })])), issuing());
    const { container } = render(<AdminPartnerKeysPage />);
    await screen.findByText('密钥前缀：sa311_Ab3d…');

    const card = await issue(container);
    const form = container.querySelector('.partner-key-form')!;
    const list = screen.getByRole('list', { name: '接口密钥' });
    expect(follows(form, card)).toBe(true);
    expect(follows(card, list)).toBe(true);
    expect(form.nextElementSibling).toBe(card);
    await waitFor(() => expect(document.activeElement).toBe(card));
  });

  it('takes the card away once the key it shows is revoked', async () => {
    await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/open311/keys', () => ok([])),
      issuing(),
      on('POST', '/api/v1/admin/open311/keys/7/revoke', () => ok(aKey({ revokedAt: '2026-12-03T08:00:00.000Z', revokedBy: '区食安办管理员' }))),
    );
    const { container } = render(<AdminPartnerKeysPage />);
    await screen.findByText('还没有签发接口密钥。');
    await issue(container);

    act(() => screen.getByLabelText('停用 12345热线 的密钥').click());
    act(() => screen.getByText('确认停用').click());

    expect(await screen.findByText('已停用 12345热线 的接口密钥')).toBeTruthy();
    expect(screen.queryByText(SECRET)).toBeNull();
    expect(container.querySelector('.partner-key-issued')).toBeNull();
  });

  describe('in the mini-program', () => {
    afterEach(() => {
      process.env.TARO_ENV = 'h5';
    });

    it('asks WeChat’s privacy consent in the card before copying the key, then copies it', async () => {
      const { wx } = launchWeappWithPrivacyCheck();
      await signedInAs('ADMIN', on('GET', '/api/v1/admin/open311/keys', () => ok([])), issuing());
      const { container } = render(<AdminPartnerKeysPage />);
      await screen.findByText('还没有签发接口密钥。');
      const card = await issue(container);

      await act(async () => screen.getByLabelText('复制 12345热线 的接口密钥').click());
      const panel = screen.getByRole('region', { name: '隐私保护提示' });
      expect(card.contains(panel)).toBe(true);
      expect(Taro.setClipboardData).not.toHaveBeenCalled();

      await agreeOn(panel.querySelector('.privacy-consent-agree')!);
      expect(wx.resolutions.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree-clipboard-key-7' });
      await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: SECRET }));
    });
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
