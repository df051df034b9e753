import { z } from 'zod';
import { paging, type Page } from './common';
import { dbIdParam, plainText, type BusinessSummary, type CadreSummary, type Ref } from './registry';

// 处罚信息公示 (总局令第45号): exactly the fields the rule names, nothing else.
export type PenaltyDisclosure = {
  id: number;
  /** 文书号 */
  decisionNo: string;
  /** 当事人: an organisation's name, or a natural person's name masked (张** ) */
  partyName: string;
  partyKind: 'NATURAL_PERSON' | 'ORGANISATION';
  /** 统一社会信用代码, organisations only */
  partyCreditCode: string | null;
  /** 违法行为类型 */
  violationType: string;
  /** 处罚内容 */
  penaltyContent: string;
  /** 处罚机关 */
  authority: string;
  /** 决定日期, YYYY-MM-DD */
  decisionDate: string;
  /** 公示日期, YYYY-MM-DD */
  disclosedDate: string;
  /** the business the decision concerns, when it is in the registry (for its public page) */
  business: Ref | null;
};

export const publicPenaltiesQuery = z.object({
  q: plainText(0, 50).optional(),
  businessId: dbIdParam.optional(),
  ...paging,
});
export type PublicPenaltiesQuery = z.infer<typeof publicPenaltiesQuery>;
export type PenaltyDisclosureList = Page<PenaltyDisclosure>;

// 示范街
export type ModelStreet = {
  id: number;
  code: string;
  name: string;
  description: string;
  address: string;
  street: Ref;
  businessCount: number;
};
export type ModelStreetDetail = ModelStreet & { businesses: BusinessSummary[] };

/**
 * GET /api/v1/public/businesses/{id}: registry facts, its 包保 cadre (name and tier only) and how many reports about
 * it are open. Its disclosures come from GET /api/v1/public/penalties?businessId={id}.
 */
export type PublicBusiness = BusinessSummary & {
  cadre: Pick<CadreSummary, 'name' | 'tier'> | null;
  modelStreet: Ref | null;
  openReports: number;
};

/** A figure is null when there is nothing to compute it from: the page says 暂无数据, never 0 % or 100 %. */
export type PublicFigures = {
  year: number;
  /** reports received this calendar year */
  reportsThisYear: number;
  /** share of this year's statutory steps (受理, 核查) completed by their deadline, over those decided; 0…1 */
  onTimeRate: number | null;
  /** satisfaction from ratings (the indicators issue); null until then */
  satisfactionRate: number | null;
  /** the numerator and denominator behind onTimeRate, so the page can say "n / m" */
  onTime: { met: number; decided: number };
};
