import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { assignmentInput, commitmentSignInput, type AssignmentInput, type CommitmentSignInput } from '@sa/contracts';
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

  /** 三清单+一承诺, signed by the cadre who currently answers for the business. */
  @Post('commitments')
  @Auth('CADRE')
  @Validate({ body: commitmentSignInput })
  sign(@CurrentUser() caller: AuthUser, @Body() body: CommitmentSignInput) {
    return this.assignments.sign(caller, body);
  }
}
