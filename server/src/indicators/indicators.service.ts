import { Inject, Injectable } from '@nestjs/common';
import type { IndicatorDefinitions, IndicatorRecords, IndicatorRecordsQuery, IndicatorReport, IndicatorsQuery } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { PRISMA, type Prisma } from '../database/database';
import { INDICATOR_DEFINITION_LIST } from './indicator-definitions';
import { computeIndicatorRecords, computeIndicatorReport, type IndicatorScope } from './indicator-engine';

/** The indicators for a staff member's scope: the admin the whole district, office staff their office, a cadre their own. */
@Injectable()
export class IndicatorsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly clock: Clock,
  ) {}

  definitions(): IndicatorDefinitions {
    return { items: INDICATOR_DEFINITION_LIST };
  }

  report(query: IndicatorsQuery, scope: IndicatorScope): Promise<IndicatorReport> {
    return computeIndicatorReport(this.prisma, query, scope, { now: this.clock.now() });
  }

  records(query: IndicatorRecordsQuery, scope: IndicatorScope): Promise<IndicatorRecords> {
    return computeIndicatorRecords(this.prisma, query, scope, { now: this.clock.now() });
  }

  /** The caller's data scope; staff without an office or a cadre record have none. */
  scopeOf(user: AuthUser): IndicatorScope {
    if (user.role === 'ADMIN') return { kind: 'all' };
    if (user.role === 'OFFICE_STAFF' && user.officeId !== null) return { kind: 'office', officeId: user.officeId };
    if (user.role === 'CADRE' && user.cadreId !== null) return { kind: 'cadre', cadreId: user.cadreId };
    throw new DomainException('FORBIDDEN', '当前账号没有可查看的统计范围');
  }
}
