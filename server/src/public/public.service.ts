import { Inject, Injectable } from '@nestjs/common';
import type { ModelStreet, ModelStreetDetail, PublicBusiness, PublicFigures } from '@sa/contracts';
import { deadlineEnd, shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { PRISMA, type Prisma } from '../database/database';
import { computeIndicatorReport } from '../indicators/indicator-engine';
import { OPEN_STATUSES } from '../complaints/workflow';
import { toBusinessSummary, toRef } from '../registry/registry.mapper';
import { onTimeRate } from './on-time-rate';
import { PublicRepository } from './public.repository';

type ModelStreetRow = NonNullable<Awaited<ReturnType<PublicRepository['modelStreet']>>>;

/** What anyone may read without signing in: model streets, a business's public page, the bureau's figures. */
@Injectable()
export class PublicService {
  constructor(
    private readonly repo: PublicRepository,
    private readonly clock: Clock,
    @Inject(PRISMA) private readonly prisma: Prisma,
  ) {}

  async modelStreets(): Promise<ModelStreet[]> {
    return (await this.repo.modelStreets()).map(toModelStreet);
  }

  async modelStreet(id: number): Promise<ModelStreetDetail> {
    const row = await this.repo.modelStreet(id);
    if (!row) throw new DomainException('NOT_FOUND', '示范街不存在');
    return { ...toModelStreet(row), businesses: row.businesses.map(toBusinessSummary) };
  }

  async business(id: number): Promise<PublicBusiness> {
    const row = await this.repo.business(id);
    if (!row) throw new DomainException('NOT_FOUND', '经营主体不存在');
    const cadre = row.assignments[0]?.cadre ?? null;
    return {
      ...toBusinessSummary(row),
      cadre: cadre ? { name: cadre.name, tier: cadre.tier } : null,
      modelStreet: row.modelStreet ? toRef(row.modelStreet) : null,
      openReports: await this.repo.countComplaints(id, OPEN_STATUSES),
    };
  }

  /** The calendar year in Asia/Shanghai that today falls in. */
  async figures(): Promise<PublicFigures> {
    const today = shanghaiDate(this.clock.now());
    const year = Number(today.slice(0, 4));
    const [reportsThisYear, tallies, satisfactionRate] = await Promise.all([
      this.repo.countReceivedBetween(deadlineEnd(`${year - 1}-12-31`), deadlineEnd(`${year}-12-31`)),
      this.repo.acceptVerifyTallies(`${year}-01-01`, `${year}-12-31`),
      this.satisfactionRate(year),
    ]);
    return { year, reportsThisYear, ...onTimeRate(tallies, today), satisfactionRate };
  }

  /**
   * 好差评满意率 (RATING_SATISFACTION) of the district for the year; null with no first ratings and also below the
   * minimum sample (30), so the home page never shows a share drawn from a handful of ratings (docs/indicators.md).
   */
  private async satisfactionRate(year: number): Promise<number | null> {
    const report = await computeIndicatorReport(
      this.prisma,
      { from: `${year}-01-01`, to: `${year}-12-31`, groupBy: 'district' },
      { kind: 'all' },
      { now: this.clock.now(), only: ['RATING_SATISFACTION'] },
    );
    const figure = report.rows[0]?.indicators.RATING_SATISFACTION;
    return figure && (figure.status === 'MET' || figure.status === 'NOT_MET') ? figure.value : null;
  }
}

function toModelStreet(row: Omit<ModelStreetRow, 'businesses'>): ModelStreet {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    address: row.address,
    street: toRef(row.street),
    businessCount: row._count.businesses,
  };
}
