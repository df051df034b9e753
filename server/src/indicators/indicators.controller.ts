import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { indicatorRecordsQuery, indicatorsQuery, type IndicatorRecordsQuery, type IndicatorsQuery } from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { IndicatorsService } from './indicators.service';

/** 指标: staff only, each within their scope (admin the district, office staff their office, a cadre their businesses). */
@ApiTags('indicators')
@Controller('api/v1/indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @Auth('ADMIN', 'OFFICE_STAFF', 'CADRE')
  @Validate({ query: indicatorsQuery })
  report(@CurrentUser() user: AuthUser, @Query() q: IndicatorsQuery) {
    return this.indicators.report(q, this.indicators.scopeOf(user));
  }

  @Get('definitions')
  @Auth('ADMIN', 'OFFICE_STAFF', 'CADRE')
  definitions() {
    return this.indicators.definitions();
  }

  @Get('records')
  @Auth('ADMIN', 'OFFICE_STAFF', 'CADRE')
  @Validate({ query: indicatorRecordsQuery })
  records(@CurrentUser() user: AuthUser, @Query() q: IndicatorRecordsQuery) {
    return this.indicators.records(q, this.indicators.scopeOf(user));
  }
}
