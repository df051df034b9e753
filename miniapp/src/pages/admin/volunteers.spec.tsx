import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Taro from '../../test/fake-taro';
import { launchWeappWithPrivacyCheck } from '../../test/fake-wechat-privacy';
import AdminVolunteersPage from './volunteers';
import { aVolunteer, laidOut, ok, on, pageOf, signedInAs } from './admin-test-kit';

describe('社会监督员名册', () => {
  it('shows each volunteer’s invitation code and whether it is bound, and copies the code', async () => {
    await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/volunteers', () =>
        ok(pageOf([aVolunteer({ name: '周家长', invitationCode: 'K7QX2M9P' }), aVolunteer({ name: '吴代表', bound: true, boundAt: '2026-05-04T02:00:00.000Z' })], 117)),
      ),
    );
    render(<AdminVolunteersPage />);

    const code = await screen.findByText('K7QX2M9P');
    expect(code.closest('.volunteer-row')?.textContent).toContain('周家长');
    expect(code.closest('.volunteer-row')?.textContent).toContain('未绑定');
    expect(screen.getByText(/已绑定（2026-05-04）/)).toBeTruthy();
    expect(screen.getByText('第 1 / 3 页，共 117 条')).toBeTruthy();

    await act(async () => screen.getByLabelText('复制邀请码 K7QX2M9P').click());
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'K7QX2M9P' });
  });

  it('asks WeChat’s privacy consent beside the code being copied, not in every row', async () => {
    launchWeappWithPrivacyCheck();
    try {
      await signedInAs('ADMIN', on('GET', '/api/v1/admin/volunteers', () => ok(pageOf([aVolunteer({ name: '周家长', invitationCode: 'K7QX2M9P' }), aVolunteer({ name: '吴代表', invitationCode: 'R2D4F6H8' })], 2))));
      render(<AdminVolunteersPage />);
      const code = await screen.findByText('R2D4F6H8');

      await act(async () => screen.getByLabelText('复制邀请码 R2D4F6H8').click());
      const panels = screen.getAllByRole('region', { name: '隐私保护提示' });
      expect(panels).toHaveLength(1);
      expect(code.closest('.volunteer-row')!.contains(panels[0]!)).toBe(true);

      await act(async () => screen.getByText('不同意').click());
      expect(Taro.setClipboardData).not.toHaveBeenCalled();
      expect(code.closest('.volunteer-row')!.textContent).toContain('没有复制任何内容');
    } finally {
      process.env.TARO_ENV = 'h5';
    }
  });
});

describe('社会监督员名册 on a phone', () => {
  it('scrolls to the form 编辑 opened below the roster and focuses it, and 取消 returns to that 编辑', async () => {
    const { scrolled } = laidOut('stacked');
    await signedInAs('ADMIN', on('GET', '/api/v1/admin/volunteers', () => ok(pageOf([aVolunteer({ name: '周家长' })]))));
    render(<AdminVolunteersPage />);
    const edit = await screen.findByLabelText('编辑 周家长');
    const press = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Enter' }));

    edit.focus();
    press(edit);

    const panel = await screen.findByRole('region', { name: '编辑社会监督员' });
    await waitFor(() => expect(document.activeElement).toBe(panel));
    expect(scrolled).toContain(panel);

    press(within(panel).getByText('取消'));
    await waitFor(() => expect(document.activeElement).toBe(edit));
  });
});
