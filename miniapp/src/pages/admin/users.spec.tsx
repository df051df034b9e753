import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { typeInto } from '../../test/fields';
import AdminUsersPage from './users';
import { aUser, laidOut, ok, on, pageOf, sentBy, signedInAs } from './admin-test-kit';

describe('账号与角色', () => {
  it('disables an account and says it was signed out', async () => {
    const user = aUser({ displayName: '陈所员', activeSessions: 2 });
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/users', () => ok(pageOf([user]))),
      on('PATCH', `/api/v1/admin/users/${user.id}`, (req) => ok({ ...user, ...(req.data as object), activeSessions: 0 })),
    );
    render(<AdminUsersPage />);

    const row = await screen.findByText('陈所员');
    act(() => row.click());
    act(() => screen.getByText('停用账号').click());

    expect(await screen.findByText('已停用 陈所员 的账号，并已使其退出登录')).toBeTruthy();
    expect(sentBy(sent, 'PATCH', `/api/v1/admin/users/${user.id}`).map((r) => r.data)).toEqual([{ disabled: true }]);
    expect(screen.getByText('启用账号')).toBeTruthy();
  });

  it('forces a user off every device and shows how many sessions ended', async () => {
    const user = aUser({ displayName: '陈所员', activeSessions: 3 });
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/users', () => ok(pageOf([user]))),
      on('POST', `/api/v1/admin/users/${user.id}/revoke-sessions`, () => ok({ revoked: 3 })),
    );
    render(<AdminUsersPage />);

    const row = await screen.findByText('陈所员');
    act(() => row.click());
    act(() => screen.getByText('强制下线').click());

    expect(await screen.findByText('已强制下线 陈所员：结束 3 个登录会话')).toBeTruthy();
    expect(sentBy(sent, 'POST', `/api/v1/admin/users/${user.id}/revoke-sessions`)).toHaveLength(1);
  });

  it('refuses a weak initial password before sending, and names the missing office', async () => {
    const sent = await signedInAs('ADMIN', on('GET', '/api/v1/admin/users', () => ok(pageOf([]))));
    const { container } = render(<AdminUsersPage />);
    await screen.findByText('没有符合条件的账号。');

    act(() => screen.getByText('新建工作人员账号', { selector: '.admin-action' }).click());
    await typeInto(container, 'user-username', 'chen.dh');
    await typeInto(container, 'user-name', '陈所员');
    act(() => screen.getByText('监管所工作人员', { selector: '.user-form .chip' }).click());
    await typeInto(container, 'user-password', 'short1');
    act(() => screen.getByText('创建账号').click());

    expect(await screen.findByText('密码至少 10 位')).toBeTruthy();
    expect(screen.getByText('监管所工作人员须选择所属监管所')).toBeTruthy();
    await waitFor(() => expect(sentBy(sent, 'POST', '/api/v1/admin/users')).toHaveLength(0));
  });
});

describe('账号与角色 on a phone and on a desktop', () => {
  const press = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Enter' }));
  const rowOf = async (name: string) => (await screen.findByText(name)).closest<HTMLElement>('.user-row')!;
  const twoFrames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

  it('on a phone, scrolls to the account chosen below the list and focuses it, and 关闭 returns to its row', async () => {
    const { scrolled } = laidOut('stacked');
    await signedInAs('ADMIN', on('GET', '/api/v1/admin/users', () => ok(pageOf([aUser({ displayName: '陈所员' }), aUser({ displayName: '王所员' })]))));
    render(<AdminUsersPage />);
    const row = await rowOf('王所员');

    row.focus();
    press(row);

    const panel = await screen.findByRole('region', { name: '账号详情' });
    expect(panel.getAttribute('tabindex')).toBe('-1');
    expect(within(panel).getByText('王所员')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(panel));
    expect(scrolled).toContain(panel);

    press(within(panel).getByText('关闭'));
    await waitFor(() => expect(document.activeElement).toBe(row));
    expect(screen.queryByRole('region', { name: '账号详情' })).toBeNull();
  });

  it('on a phone, takes 新建工作人员账号 to the form and 取消 back to the button', async () => {
    laidOut('stacked');
    await signedInAs('ADMIN', on('GET', '/api/v1/admin/users', () => ok(pageOf([]))));
    render(<AdminUsersPage />);
    await screen.findByText('没有符合条件的账号。');
    const add = screen.getByText('新建工作人员账号', { selector: '.admin-action' });

    add.focus();
    press(add);

    const panel = await screen.findByRole('region', { name: '新建工作人员账号' });
    await waitFor(() => expect(document.activeElement).toBe(panel));
    expect(within(panel).getByRole('form', { name: '新建工作人员账号' })).toBeTruthy();

    press(within(panel).getByText('取消'));
    await waitFor(() => expect(document.activeElement).toBe(add));
  });

  it('on a desktop, where the account stands beside the list, neither scrolls nor takes the focus from the row', async () => {
    const { scrolled } = laidOut('side-by-side');
    await signedInAs('ADMIN', on('GET', '/api/v1/admin/users', () => ok(pageOf([aUser({ displayName: '陈所员' })]))));
    render(<AdminUsersPage />);
    const row = await rowOf('陈所员');

    row.focus();
    press(row);

    const panel = await screen.findByRole('region', { name: '账号详情' });
    await twoFrames();
    await twoFrames();
    // (In jsdom, Taro's web components sometimes drop the row's focus to the body as they render: not the panel.)
    expect(document.activeElement).not.toBe(panel);
    expect(panel.contains(document.activeElement)).toBe(false);
    expect(scrolled).toEqual([]);
  });
});
