import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '@sa/contracts';

type Named = { id: number; name: string };

/** What routing knows about a complaint; loaded by the caller, so the rule itself stays pure. */
export type RoutingInput = {
  category: ComplaintCategory;
  /** the business picked from the registry, with its street's office and current 包保 cadre */
  business: null | { id: number; name: string; street: Named; office: Named; cadre: Named | null };
  /** the place given on the form (or the business's place) */
  place: null | { street: Named; office: Named; community: Named | null; communityCadre: Named | null };
};

export type RoutingRule = 'OUT_OF_REMIT' | 'KNOWN_BUSINESS' | 'BY_PLACE' | 'UNLOCATED';

export type RoutingDecision = {
  rule: RoutingRule;
  officeId: number | null;
  cadreId: number | null;
  transferTo: string | null;
  /** why, in words staff and auditors read */
  reason: string;
};

type Rule = { rule: RoutingRule; applies(i: RoutingInput): boolean; decide(i: RoutingInput): Omit<RoutingDecision, 'rule'> };

const handlingOffice = (i: RoutingInput) => i.business?.office ?? i.place?.office ?? null;

/** Ordered: the first rule that applies decides (DESIGN.md §3 Routing). */
export const ROUTING_RULES: readonly Rule[] = [
  {
    rule: 'OUT_OF_REMIT',
    applies: (i) => !COMPLAINT_CATEGORIES[i.category].remit,
    decide: (i) => {
      const category = COMPLAINT_CATEGORIES[i.category];
      const transferTo = 'transferTo' in category ? category.transferTo : '有关主管部门';
      const office = handlingOffice(i);
      return {
        officeId: office?.id ?? null,
        cadreId: null,
        transferTo,
        reason: `「${category.label}」不属于市场监管部门食品安全职责，建议转办至${transferTo}${office ? `，由${office.name}出具转办告知` : '，由区食安办出具转办告知'}`,
      };
    },
  },
  {
    rule: 'KNOWN_BUSINESS',
    applies: (i) => i.business !== null,
    decide: (i) => {
      const b = i.business!;
      return {
        officeId: b.office.id,
        cadreId: b.cadre?.id ?? null,
        transferTo: null,
        reason: `被投诉举报的经营主体「${b.name}」位于${b.street.name}，由${b.office.name}办理；${b.cadre ? `包保干部${b.cadre.name}负责跟进` : '该主体暂无包保干部'}`,
      };
    },
  },
  {
    rule: 'BY_PLACE',
    applies: (i) => i.place !== null,
    decide: (i) => {
      const p = i.place!;
      const where = p.community ? `${p.street.name}${p.community.name}` : p.street.name;
      return {
        officeId: p.office.id,
        cadreId: p.communityCadre?.id ?? null,
        transferTo: null,
        reason: `未匹配到登记的经营主体，按发生地点${where}由${p.office.name}办理；${p.communityCadre ? `社区包保干部${p.communityCadre.name}负责跟进` : '该地点暂无社区包保干部'}`,
      };
    },
  },
  {
    rule: 'UNLOCATED',
    applies: () => true,
    decide: () => ({ officeId: null, cadreId: null, transferTo: null, reason: '未提供经营主体或发生地点，由区食安办分派' }),
  },
];

export function routeComplaint(input: RoutingInput): RoutingDecision {
  const rule = ROUTING_RULES.find((r) => r.applies(input))!;
  return { rule: rule.rule, ...rule.decide(input) };
}
