import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Taro from '../../test/fake-taro';
import AdminVolunteersPage from './volunteers';
import { aVolunteer, ok, on, pageOf, signedInAs } from './admin-test-kit';

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

    act(() => screen.getByLabelText('复制邀请码 K7QX2M9P').click());
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'K7QX2M9P' });
  });
});
