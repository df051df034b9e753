import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { samplingBatchesQuery, samplingBatchInput, type SamplingBatchesQuery, type SamplingBatchInput } from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { SamplingService } from './sampling.service';

/** 抽检登记: office staff for the businesses of their office's streets, the admin for all. */
@ApiTags('workbench')
@Controller('api/v1/workbench/sampling-batches')
export class SamplingController {
  constructor(private readonly sampling: SamplingService) {}

  @Post()
  @Auth('OFFICE_STAFF', 'ADMIN')
  @Validate({ body: samplingBatchInput })
  create(@CurrentUser() user: AuthUser, @Body() body: SamplingBatchInput) {
    return this.sampling.create(body, user);
  }

  @Get()
  @Auth('OFFICE_STAFF', 'ADMIN')
  @Validate({ query: samplingBatchesQuery })
  list(@CurrentUser() user: AuthUser, @Query() q: SamplingBatchesQuery) {
    return this.sampling.list(q, user);
  }
}
