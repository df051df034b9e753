import { describe, expect, it } from 'vitest';
import { routeComplaint, type RoutingInput } from './routing';

const east = { id: 1, name: '城东市场监管所' };
const west = { id: 2, name: '城西市场监管所' };
const street = { id: 10, name: '清河街道' };
const community = { id: 100, name: '柳岸社区' };

const knownBusiness = (cadre: { id: number; name: string } | null = { id: 7, name: '周立平' }): RoutingInput['business'] => ({
  id: 55, name: '李记小吃店', street, office: east, cadre,
});
const place = (communityCadre: { id: number; name: string } | null = { id: 9, name: '陈秀兰' }): RoutingInput['place'] => ({
  street, office: west, community, communityCadre,
});

describe('routing', () => {
  it('sends a complaint about a known business to the office of its street and its 包保 cadre', () => {
    const d = routeComplaint({ category: 'EXPIRED_FOOD', business: knownBusiness(), place: place() });
    expect(d).toMatchObject({ rule: 'KNOWN_BUSINESS', officeId: east.id, cadreId: 7, transferTo: null });
    expect(d.reason).toContain('李记小吃店');
    expect(d.reason).toContain('城东市场监管所');
    expect(d.reason).toContain('周立平');
  });

  it('routes by place to the street office and the community cadre when the business is unknown', () => {
    const d = routeComplaint({ category: 'POOR_HYGIENE', business: null, place: place() });
    expect(d).toMatchObject({ rule: 'BY_PLACE', officeId: west.id, cadreId: 9 });
    expect(d.reason).toContain('柳岸社区');
  });

  it('still names the office when the place has no community cadre', () => {
    const d = routeComplaint({ category: 'POOR_HYGIENE', business: null, place: place(null) });
    expect(d).toMatchObject({ rule: 'BY_PLACE', officeId: west.id, cadreId: null });
    expect(d.reason).toContain('暂无社区包保干部');
  });

  it('proposes a transfer to the named department for a category outside the remit', () => {
    const d = routeComplaint({ category: 'PRICE', business: knownBusiness(), place: null });
    expect(d).toMatchObject({ rule: 'OUT_OF_REMIT', officeId: east.id, cadreId: null });
    expect(d.transferTo).toContain('发展和改革局');
  });

  it('leaves a complaint without business or place to the bureau admin', () => {
    expect(routeComplaint({ category: 'OTHER', business: null, place: null })).toMatchObject({ rule: 'UNLOCATED', officeId: null });
  });
});
