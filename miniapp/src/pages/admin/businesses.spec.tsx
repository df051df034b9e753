import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ERRORS, type AssignmentView, type BusinessDetail, type BusinessSummary } from '@sa/contracts';
import { aBusiness, aBusinessDetail } from '../../test/builders';
import { typeInto } from '../../test/fields';
import AdminBusinessesPage from './businesses';
import { aCadre, anAssignment, laidOut, ok, on, pageOf, sentBy, signedInAs, summaryOf } from './admin-test-kit';

const oldCadre = aCadre({ name: '李社区', tier: 'COMMUNITY', title: '幸福社区居委会副主任' });

function aNoodleShop(overrides: Partial<BusinessDetail> = {}): BusinessDetail {
  return aBusinessDetail({ ...aBusiness({ id: 42, name: '老街面馆', grade: 'D' }), cadre: summaryOf(oldCadre), ...overrides });
}

/** The registry with one D-grade business, its detail and its (changeable) assignment history. */
function registry(history: { current: AssignmentView[] }, business = aNoodleShop()) {
  return [
    on('GET', '/api/v1/businesses', () => ok(pageOf([business]))),
    on('GET', '/api/v1/business-types', () => ok([business.businessType, { id: 99, name: '食品生产' }])),
    on('GET', '/api/v1/businesses/42', () => ok(business)),
    on('GET', '/api/v1/businesses/42/assignments', () => ok(pageOf(history.current))),
  ];
}

async function openNoodleShop() {
  const row = await screen.findByText('老街面馆');
  act(() => row.click());
  await screen.findByText('重新指派包保干部');
}

describe('经营主体管理', () => {
  it('shows the tier rule the server applied when a grade change ended the assignment', async () => {
    const notice = '按分级包保规则，B 级经营主体须由区级干部包保：原包保干部 李社区（社区）已解除包保，请重新指派。';
    const history = { current: [anAssignment(42, summaryOf(oldCadre))] };
    const sent = await signedInAs(
      'ADMIN',
      on('PATCH', '/api/v1/admin/businesses/42', () =>
        ok({ ...aNoodleShop({ grade: 'B', cadre: null }), endedAssignments: [{ cadre: summaryOf(oldCadre), reason: '经营主体分级变更' }], notice }),
      ),
      on('GET', '/api/v1/cadres', () => ok(pageOf([]))),
      ...registry(history),
    );
    render(<AdminBusinessesPage />);
    await openNoodleShop();

    act(() => screen.getByText('编辑').click());
    act(() => screen.getByText('B级 · 中型').click());
    act(() => screen.getByText('保存').click());

    const alert = await screen.findByText(notice);
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    expect(screen.getByText('已解除：李社区（社区），经营主体分级变更')).toBeTruthy();
    // Only what changed is sent: the grade.
    expect(sentBy(sent, 'PATCH', '/api/v1/admin/businesses/42').map((r) => r.data)).toEqual([{ grade: 'B' }]);
  });

  it('looks for cadres of the tier the grade needs, and shows the server’s refusal of a mismatched cadre', async () => {
    const cityCadre = aCadre({ name: '王市级', tier: 'CITY', title: '市场监管局副局长', area: { id: 1, name: '示范区', kind: 'DISTRICT' } });
    const history = { current: [anAssignment(42, summaryOf(oldCadre))] };
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/cadres', () => ok(pageOf([cityCadre]))),
      on('POST', '/api/v1/admin/assignments', () => ({ statusCode: 422, data: { code: 'TIER_MISMATCH', message: ERRORS.TIER_MISMATCH.message } })),
      ...registry(history),
    );
    render(<AdminBusinessesPage />);
    await openNoodleShop();

    expect(await screen.findByText('D 级经营主体须由社区干部包保。')).toBeTruthy();
    await waitFor(() => expect(sentBy(sent, 'GET', '/api/v1/cadres').length).toBeGreaterThan(0));
    const search = new URL(sentBy(sent, 'GET', '/api/v1/cadres')[0]!.url).searchParams;
    expect(search.get('tier')).toBe('COMMUNITY');
    expect(search.get('active')).toBe('true');

    const option = await screen.findByText(/王市级/);
    act(() => option.click());
    act(() => screen.getByText('确认指派').click());

    expect(await screen.findByText(ERRORS.TIER_MISMATCH.message)).toBeTruthy();
    expect(screen.queryByText(/当前/, { selector: '.tag' })?.closest('.assignment-row')?.textContent).toContain('李社区');
  });

  it('puts the newly assigned cadre at the top of the history after a good reassignment', async () => {
    const newCadre = aCadre({ name: '赵社区', title: '幸福社区网格长' });
    const history = { current: [anAssignment(42, summaryOf(oldCadre))] };
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/cadres', () => ok(pageOf([newCadre]))),
      on('POST', '/api/v1/admin/assignments', () => {
        const next = anAssignment(42, summaryOf(newCadre), { startedAt: '2026-11-30T02:00:00.000Z' });
        history.current = [
          { ...history.current[0]!, endedAt: '2026-11-30T02:00:00.000Z', endReason: '包保干部变更' },
          next,
        ];
        return ok(next);
      }),
      ...registry(history),
    );
    render(<AdminBusinessesPage />);
    await openNoodleShop();

    const option = await screen.findByText(/赵社区/);
    act(() => option.click());
    await typeInto(document.body, 'assign-reason', '原干部调岗');
    act(() => screen.getByText('确认指派').click());

    expect(await screen.findByText('已指派 赵社区 包保该经营主体，原包保关系已解除。')).toBeTruthy();
    await waitFor(() => {
      const rows = Array.from(document.querySelectorAll('.assignment-row')).map((row) => row.textContent ?? '');
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('赵社区');
      expect(rows[0]).toContain('当前');
      expect(rows[1]).toContain('解除原因：包保干部变更');
    });
    expect(sentBy(sent, 'POST', '/api/v1/admin/assignments').map((r) => r.data)).toEqual([
      { businessId: 42, cadreId: newCadre.id, reason: '原干部调岗' },
    ]);
  });

  it('shows a malformed licence number by the field and sends nothing', async () => {
    const sent = await signedInAs('ADMIN', ...registry({ current: [] }));
    const { container } = render(<AdminBusinessesPage />);
    await screen.findByText('老街面馆');

    act(() => screen.getByText('新增经营主体', { selector: '.admin-action' }).click());
    // Every 业态 of the registry is offered, also one that no listed business has yet.
    expect(await screen.findByText('食品生产')).toBeTruthy();
    await typeInto(container, 'business-name', '新开张小吃店');
    await typeInto(container, 'business-licence', 'JY1234');
    await typeInto(container, 'business-address', '人民路 88 号');
    act(() => screen.getByText('D级 · 微型').click());
    act(() => screen.getByText('保存').click());

    const error = await screen.findByText('许可证编号格式应为 JY 加 14 位数字');
    expect(error.closest('.admin-field')?.querySelector('.business-licence')).toBeTruthy();
    expect(screen.getByText('请选择所在街道')).toBeTruthy();
    expect(sentBy(sent, 'POST', '/api/v1/admin/businesses')).toHaveLength(0);
  });

  it('creates a business from a complete form by keyboard, says so, opens it and lists it', async () => {
    const created = aBusinessDetail({
      ...aBusiness({
        id: 77,
        name: '新开张小吃店',
        licenceNo: 'JY12345678901234',
        grade: 'D',
        businessType: { id: 99, name: '食品生产' },
        address: '人民路 88 号',
        street: { id: 20, name: '第2街道' },
        community: { id: 200, name: '第2社区' },
      }),
      hasSafetyOfficer: true,
      hasSafetyDirector: false,
      office: { id: 2, name: '西岭市场监管所' },
      cadre: null,
    });
    const listed: { current: BusinessSummary[] } = { current: [aNoodleShop()] };
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/businesses', () => ok(pageOf(listed.current))),
      on('GET', '/api/v1/business-types', () => ok([aNoodleShop().businessType, { id: 99, name: '食品生产' }])),
      on('POST', '/api/v1/admin/businesses', () => {
        listed.current = [created, ...listed.current];
        return { statusCode: 201, data: created };
      }),
      on('GET', '/api/v1/businesses/77', () => ok(created)),
      on('GET', '/api/v1/businesses/77/assignments', () => ok(pageOf([]))),
      on('GET', '/api/v1/cadres', () => ok(pageOf([]))),
    );
    const { container } = render(<AdminBusinessesPage />);
    await screen.findByText('老街面馆');

    const press = (element: Element, key = 'Enter') => act(() => void fireEvent.keyDown(element, { key }));
    press(screen.getByText('新增经营主体', { selector: '.admin-action' }));
    const form = await screen.findByRole('form', { name: '新增经营主体' });
    const choose = (label: string) => press(within(form).getByText(label).closest('[role="radio"], [role="checkbox"]')!, ' ');
    await typeInto(container, 'business-name', '新开张小吃店');
    await typeInto(container, 'business-licence', 'JY12345678901234');
    await within(form).findByText('食品生产');
    choose('食品生产');
    choose('D级 · 微型');
    await typeInto(container, 'business-address', '人民路 88 号');
    choose('第2街道');
    // The street's communities are offered once the street is chosen.
    await within(form).findByText('第2社区');
    choose('第2社区');
    choose('配备食品安全员');
    press(within(form).getByText('保存'));

    await waitFor(() => expect(sentBy(sent, 'POST', '/api/v1/admin/businesses')).toHaveLength(1));
    expect(sentBy(sent, 'POST', '/api/v1/admin/businesses')[0]!.data).toEqual({
      name: '新开张小吃店',
      licenceNo: 'JY12345678901234',
      businessTypeId: 99,
      grade: 'D',
      address: '人民路 88 号',
      streetId: 20,
      communityId: 200,
      hasSafetyOfficer: true,
      hasSafetyDirector: false,
    });
    expect((await screen.findByText('已新增经营主体：新开张小吃店')).closest('[role="alert"]')).toBeTruthy();
    // The new business is opened beside the list, with nobody answering for it yet, and the list shows it.
    expect(await screen.findByText('许可证编号：JY12345678901234')).toBeTruthy();
    expect(screen.getByText('当前包保干部：未指派')).toBeTruthy();
    expect(screen.queryByRole('form', { name: '新增经营主体' })).toBeNull();
    await waitFor(() =>
      expect(Array.from(container.querySelectorAll('.business-row'), (row) => row.textContent)).toEqual([
        expect.stringContaining('新开张小吃店'),
        expect.stringContaining('老街面馆'),
      ]),
    );
    expect(sentBy(sent, 'GET', '/api/v1/businesses')).toHaveLength(2);
  });

  it('lists businesses by whether their current commitment letter is signed', async () => {
    const sent = await signedInAs(
      'ADMIN',
      on('GET', '/api/v1/admin/commitments', () =>
        ok(pageOf([{ ...aBusiness({ name: '阳光超市', grade: 'C' }), cadre: null, commitment: null }])),
      ),
      ...registry({ current: [] }),
    );
    render(<AdminBusinessesPage />);

    act(() => screen.getByText('承诺书签订情况').click());

    expect(await screen.findByText('阳光超市（C 级）')).toBeTruthy();
    expect(screen.getByText('未指派包保干部')).toBeTruthy();
    expect(screen.getByText('承诺书未签订')).toBeTruthy();
    expect(new URL(sentBy(sent, 'GET', '/api/v1/admin/commitments')[0]!.url).searchParams.get('status')).toBe('unsigned');
  });
});

describe('经营主体管理 on a phone and on a desktop', () => {
  const press = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Enter' }));
  const rowOf = async (name: string) => (await screen.findByText(name)).closest<HTMLElement>('.business-row')!;

  it('on a phone, where the detail comes below the list, scrolls to it and gives it the focus, and 关闭 returns to the row', async () => {
    const { scrolled } = laidOut('stacked');
    await signedInAs('ADMIN', ...registry({ current: [] }));
    render(<AdminBusinessesPage />);
    const row = await rowOf('老街面馆');

    row.focus();
    press(row);

    const panel = await screen.findByRole('region', { name: '经营主体详情' });
    expect(panel.getAttribute('tabindex')).toBe('-1');
    await waitFor(() => expect(document.activeElement).toBe(panel));
    expect(scrolled).toContain(panel);
    await within(panel).findByText('重新指派包保干部');

    press(within(panel).getByText('关闭'));
    await waitFor(() => expect(document.activeElement).toBe(row));
    expect(screen.queryByRole('region', { name: '经营主体详情' })).toBeNull();
  });

  it('on a phone, takes 新增经营主体 to the new form and 取消 back to the button', async () => {
    laidOut('stacked');
    await signedInAs('ADMIN', ...registry({ current: [] }));
    render(<AdminBusinessesPage />);
    await rowOf('老街面馆');
    const add = screen.getByText('新增经营主体', { selector: '.admin-action' });

    add.focus();
    press(add);

    const panel = await screen.findByRole('region', { name: '新增经营主体' });
    await waitFor(() => expect(document.activeElement).toBe(panel));
    expect(within(panel).getByRole('form', { name: '新增经营主体' })).toBeTruthy();

    press(within(panel).getByText('取消'));
    await waitFor(() => expect(document.activeElement).toBe(add));
  });

  it('on a desktop, where the detail stands beside the list, neither scrolls nor takes the focus from the row', async () => {
    const { scrolled } = laidOut('side-by-side');
    await signedInAs('ADMIN', ...registry({ current: [] }));
    render(<AdminBusinessesPage />);
    const row = await rowOf('老街面馆');

    row.focus();
    press(row);

    const panel = await screen.findByRole('region', { name: '经营主体详情' });
    await within(panel).findByText('重新指派包保干部');
    // Two frames have passed once the detail has loaded; the focus would have moved by now.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    // (In jsdom, Taro's web components sometimes drop the row's focus to the body as they render: not the panel.)
    expect(document.activeElement).not.toBe(panel);
    expect(panel.contains(document.activeElement)).toBe(false);
    expect(scrolled).toEqual([]);
  });
});
