import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  assignmentInput,
  commitmentRecordInput,
  commitmentStatusQuery,
  type AssignmentInput,
  type CommitmentRecordInput,
  type CommitmentStatusQuery,
} from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { AssignmentService } from './assignment.service';

@ApiTags('registry')
@Controller('api/v1')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentService) {}

  /** 包保: refused with TIER_MISMATCH, CADRE_OUT_OF_AREA or CADRE_INACTIVE (422) when the tier rule forbids it. */
  @Post('admin/assignments')
  @Auth('ADMIN')
  @Validate({ body: assignmentInput })
  assign(@Body() body: AssignmentInput) {
    return this.assignments.assign(body);
  }

  /** 三清单+一承诺, signed on paper by the cadre who currently answers for the business, recorded with its date and photo. */
  @Post('commitments')
  @Auth('CADRE')
  @Validate({ body: commitmentRecordInput })
  record(@CurrentUser() caller: AuthUser, @Body() body: CommitmentRecordInput) {
    return this.assignments.record(caller, body);
  }

  /** 承诺书 status per business: `status=signed|unsigned`, street, part of the name or licence number. */
  @Get('admin/commitments')
  @Auth('ADMIN')
  @Validate({ query: commitmentStatusQuery })
  commitmentStatus(@Query() query: CommitmentStatusQuery) {
    return this.assignments.commitmentStatus(query);
  }
}
