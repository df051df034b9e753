import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ERRORS, type AssignmentView, type BusinessDetail } from '@sa/contracts';
import { aBusiness, aBusinessDetail } from '../../test/builders';
import { typeInto } from '../../test/fields';
import AdminBusinessesPage from './businesses';
import { aCadre, anAssignment, ok, on, pageOf, sentBy, signedInAs, summaryOf } from './admin-test-kit';

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
