import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PenaltyDisclosure } from '@sa/contracts';
import Taro, { routerParams } from '../../test/fake-taro';
import { path, serve, type SentRequest } from '../../test/fake-server';
import { typeInto } from '../../test/fields';
import PenaltiesPage from './penalties';

let seq = 0;
function aDisclosure(over: Partial<PenaltyDisclosure> = {}): PenaltyDisclosure {
  const n = ++seq;
  return {
    id: n,
    decisionNo: `青岚市监罚〔2026〕${n}号`,
    partyName: '李**',
    partyKind: 'NATURAL_PERSON',
    partyCreditCode: null,
    violationType: '销售超过保质期的食品',
    penaltyContent: '没收超过保质期的酸奶 12 盒，并处罚款 5000 元',
    authority: '青岚区市场监督管理局',
    decisionDate: '2026-11-16',
    disclosedDate: '2026-11-25',
    business: { id: 7, name: '李记小吃店' },
    ...over,
  };
}

const query = (req: SentRequest) => new URL(req.url).searchParams;

describe('处罚信息公示', () => {
  afterEach(() => {
    for (const key of Object.keys(routerParams)) delete routerParams[key];
  });

  it('shows each disclosure with exactly the public fields and labels, a credit code only for organisations', async () => {
    const person = aDisclosure();
    const company = aDisclosure({ partyKind: 'ORGANISATION', partyName: '青岚鲜味餐饮管理有限公司', partyCreditCode: '91320102MA1XY2345K', business: null });
    serve((req) => (path(req) === '/api/v1/public/penalties' ? { statusCode: 200, data: { items: [person, company], total: 2 } } : undefined));
    const { container } = render(<PenaltiesPage />);

    await screen.findByText('共 2 条');
    const cards = container.querySelectorAll('.pen-card');
    const labels = (card: Element) => Array.from(card.querySelectorAll('.pen-label')).map((l) => l.textContent);
    expect(labels(cards[0]!)).toEqual(['文书号', '当事人', '违法行为类型', '处罚内容', '处罚机关', '决定日期', '公示日期']);
    expect(labels(cards[1]!)).toEqual(['文书号', '当事人', '统一社会信用代码', '违法行为类型', '处罚内容', '处罚机关', '决定日期', '公示日期']);
    expect(cards[0]!.textContent).toContain('李**');
    expect(cards[1]!.textContent).toContain('91320102MA1XY2345K');

    // The business page is one link away; a decision without a registry business has none.
    expect(cards[1]!.querySelector('.pen-business')).toBeNull();
    act(() => (cards[0]!.querySelector('.pen-business') as HTMLElement).click());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/public/business?id=7' });
  });

  it('searches, pages with 加载更多 and says when nothing matches', async () => {
    const first = Array.from({ length: 10 }, () => aDisclosure());
    const rest = [aDisclosure(), aDisclosure()];
    const sent = serve((req) => {
      if (path(req) !== '/api/v1/public/penalties') return undefined;
      const q = query(req);
      if (q.get('q') === '无此店') return { statusCode: 200, data: { items: [], total: 0 } };
      return { statusCode: 200, data: { items: q.get('offset') === '10' ? rest : first, total: 12 } };
    });
    const { container } = render(<PenaltiesPage />);

    await screen.findByText('共 12 条');
    expect(container.querySelectorAll('.pen-card')).toHaveLength(10);
    act(() => (container.querySelector('.pen-more') as HTMLElement).click());
    await waitFor(() => expect(container.querySelectorAll('.pen-card')).toHaveLength(12));
    expect(container.querySelector('.pen-more')).toBeNull();
    expect(query(sent.at(-1)!).get('offset')).toBe('10');

    await typeInto(container, 'pen-search-input', ' 无此店 ');
    act(() => (container.querySelector('.pen-search-go') as HTMLElement).click());
    expect(await screen.findByText(/没有找到与「无此店」相关的处罚信息公示/)).toBeTruthy();
    expect(query(sent.at(-1)!).get('q')).toBe('无此店');
    expect(query(sent.at(-1)!).get('offset')).toBe('0');
  });

  it('shows one business’s disclosures for ?businessId=, with the way back to all', async () => {
    routerParams.businessId = '7';
    const sent = serve((req) => (path(req) === '/api/v1/public/penalties' ? { statusCode: 200, data: { items: [aDisclosure()], total: 1 } } : undefined));
    render(<PenaltiesPage />);
    expect(await screen.findByText('仅显示「李记小吃店」的公示')).toBeTruthy();
    expect(query(sent[0]!).get('businessId')).toBe('7');
    act(() => screen.getByText('查看全部公示').click());
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/public/penalties' });
  });

  it('says so when there is nothing published, and offers a retry when loading fails', async () => {
    let fail = true;
    serve((req) => (path(req) === '/api/v1/public/penalties' ? (fail ? new Error('offline') : { statusCode: 200, data: { items: [], total: 0 } }) : undefined));
    render(<PenaltiesPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fail = false;
    act(() => screen.getByText('重新加载').click());
    expect(await screen.findByText('暂无处罚信息公示。')).toBeTruthy();
  });
});
