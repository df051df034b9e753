import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  disclosureCorrectionInput,
  disclosureWithdrawalInput,
  idParam,
  publicPenaltiesQuery,
  workbenchPenaltiesQuery,
  type DisclosureCorrectionInput,
  type DisclosureWithdrawalInput,
  type PublicPenaltiesQuery,
  type WorkbenchPenaltiesQuery,
} from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { DisclosureService } from './disclosure.service';

const byId = z.object({ id: idParam });

/** 处罚信息公示 in the workbench: the handling office's staff and the admin; other offices' decisions are 404. */
@ApiTags('workbench')
@Controller('api/v1/workbench/penalties')
export class DisclosureController {
  constructor(private readonly disclosures: DisclosureService) {}

  @Get()
  @Auth('OFFICE_STAFF', 'ADMIN')
  @Validate({ query: workbenchPenaltiesQuery })
  list(@CurrentUser() user: AuthUser, @Query() q: WorkbenchPenaltiesQuery) {
    return this.disclosures.list(user, q);
  }

  @Post(':id/disclose')
  @HttpCode(200)
  @Auth('OFFICE_STAFF', 'ADMIN')
  @Validate({ params: byId })
  disclose(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>) {
    return this.disclosures.disclose(p.id, user);
  }

  @Patch(':id')
  @Auth('OFFICE_STAFF', 'ADMIN')
  @Validate({ params: byId, body: disclosureCorrectionInput })
  correct(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: DisclosureCorrectionInput) {
    return this.disclosures.correct(p.id, user, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Auth('OFFICE_STAFF', 'ADMIN')
  @Validate({ params: byId, body: disclosureWithdrawalInput })
  withdraw(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: DisclosureWithdrawalInput) {
    return this.disclosures.withdraw(p.id, user, body.reason);
  }
}

/** The public list: disclosed, not withdrawn, newest disclosure first. */
@ApiTags('public')
@Controller('api/v1/public/penalties')
export class PublicPenaltiesController {
  constructor(private readonly disclosures: DisclosureService) {}

  @Get()
  @Public()
  @Validate({ query: publicPenaltiesQuery })
  list(@Query() q: PublicPenaltiesQuery) {
    return this.disclosures.publicList(q);
  }
}
