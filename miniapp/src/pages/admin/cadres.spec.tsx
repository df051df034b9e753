import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import AdminCadresPage from './cadres';
import { aCadre, laidOut, ok, on, pageOf, sentBy, signedInAs } from './admin-test-kit';

describe('包保干部管理', () => {
  it('shows each cadre’s businesses, and deactivates only after the warning is confirmed', async () => {
    const cadre = aCadre({ name: '李社区', businessCount: 4 });
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/cadres', () => ok(pageOf([cadre]))),
      on('PATCH', `/api/v1/admin/cadres/${cadre.id}`, () => ok({ ...cadre, active: false, businesses: [] })),
    );
    render(<AdminCadresPage />);

    const row = await screen.findByText('李社区');
    expect(row.closest('.cadre-row')?.textContent).toContain('包保经营主体 4 家');
    act(() => row.click());
    act(() => screen.getByText('停用').click());

    expect(screen.getByText('停用后该干部的包保关系将解除并立即退出登录')).toBeTruthy();
    expect(sentBy(sent, 'PATCH', `/api/v1/admin/cadres/${cadre.id}`)).toHaveLength(0);
    act(() => screen.getByText('确认停用').click());

    expect(await screen.findByText('已停用：李社区，其包保关系已解除并已退出登录')).toBeTruthy();
    expect(sentBy(sent, 'PATCH', `/api/v1/admin/cadres/${cadre.id}`).map((r) => r.data)).toEqual([{ active: false }]);
  });
});

describe('包保干部管理 on a phone', () => {
  it('scrolls to the cadre chosen below the list and focuses the form, and 取消 returns to the row', async () => {
    const { scrolled } = laidOut('stacked');
    await signedInAs('ADMIN', on('GET', '/api/v1/cadres', () => ok(pageOf([aCadre({ name: '李社区' })]))));
    render(<AdminCadresPage />);
    const row = (await screen.findByText('李社区')).closest<HTMLElement>('.cadre-row')!;
    const press = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Enter' }));

    row.focus();
    press(row);

    const panel = await screen.findByRole('region', { name: '编辑包保干部' });
    await waitFor(() => expect(document.activeElement).toBe(panel));
    expect(scrolled).toContain(panel);

    press(within(panel).getByText('取消'));
    await waitFor(() => expect(document.activeElement).toBe(row));
  });
});
