import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '@sa/contracts';
import Taro, { storage } from '../../test/fake-taro';
import { aMe } from '../../test/builders';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import { TOKEN_KEY } from '../../api/client';
import { restoreSession } from '../../session/session';
import { aTemplate } from './test-builders';
import TemplatesPage from './templates';

async function signedInAs(me: Me, routes: (req: SentRequest) => { statusCode: number; data?: unknown } | undefined) {
  const sent = serve((req) => (path(req) === '/api/v1/me' ? { statusCode: 200, data: me } : routes(req)));
  storage.set(TOKEN_KEY, 'tok');
  await restoreSession();
  return sent;
}

describe('答复模板', () => {
  it('saves one outcome’s template and shows when it was saved', async () => {
    const templates = [aTemplate(), aTemplate({ outcome: 'DUPLICATE', label: '重复举报', body: '您反映的问题已在办理中，请勿重复提交。' })];
    const sent = await signedInAs(aMe({ role: 'OFFICE_STAFF', officeId: 1 }), (req) => {
      if (req.method === 'GET' && path(req) === '/api/v1/workbench/reply-templates') return { statusCode: 200, data: templates };
      if (req.method === 'PUT' && path(req) === '/api/v1/workbench/reply-templates/DUPLICATE') {
        return { statusCode: 200, data: { ...templates[1], body: (req.data as { body: string }).body, updatedAt: '2026-12-03T06:30:00.000Z' } };
      }
      return undefined;
    });
    const { container } = render(<TemplatesPage />);

    await screen.findByText('办理结果：重复举报');
    expect(screen.getAllByText('尚未修改，使用系统默认模板')).toHaveLength(2);
    await typeInto(container, 'wb-template-body-DUPLICATE', '您反映的问题已由监管所办理，受理编号见前次答复。');
    act(() => (container.querySelector('.wb-template-DUPLICATE .wb-save-template') as HTMLElement).click());

    await waitFor(() => expect(screen.getByText('上次保存：2026-12-03 14:30')).toBeTruthy());
    const put = sent.filter((r) => r.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(path(put[0]!)).toBe('/api/v1/workbench/reply-templates/DUPLICATE');
    expect(put[0]!.data).toEqual({ body: '您反映的问题已由监管所办理，受理编号见前次答复。' });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('refuses a template that is too short without sending it', async () => {
    const sent = await signedInAs(aMe({ role: 'ADMIN' }), (req) =>
      path(req) === '/api/v1/workbench/reply-templates' ? { statusCode: 200, data: [aTemplate()] } : undefined,
    );
    const { container } = render(<TemplatesPage />);
    await screen.findByText('办理结果：已整改');

    await typeInto(container, 'wb-template-body-FIXED', '好');
    act(() => (container.querySelector('.wb-save-template') as HTMLElement).click());
    expect(await screen.findByText('模板内容须为 5–2000 字')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('is not offered to a cadre', async () => {
    await signedInAs(aMe({ role: 'CADRE', cadreId: 7 }), () => undefined);
    render(<TemplatesPage />);
    expect(screen.getByText('此页面不适用于包保干部')).toBeTruthy();
  });
});
