import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  COMPLAINT_OUTCOMES,
  complaintActionRequest,
  followUpInput,
  idParam,
  replyTemplateInput,
  rerouteRequest,
  workbenchQuery,
  type ComplaintActionRequest,
  type FollowUpInput,
  type WorkbenchQuery,
} from '@sa/contracts';
import { Validate } from '../common/validate';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { FollowUpsService } from './follow-ups.service';
import { WorkbenchService } from './workbench.service';
import { WorkflowService } from './workflow.service';

const byId = z.object({ id: idParam });
const byOutcome = z.object({ outcome: z.enum(COMPLAINT_OUTCOMES) });

/** Staff and cadre workbench; every complaint endpoint answers 404 outside the caller's data scope. */
@ApiTags('workbench')
@Controller('api/v1/workbench')
export class WorkbenchController {
  constructor(
    private readonly workbench: WorkbenchService,
    private readonly workflow: WorkflowService,
    private readonly followUps: FollowUpsService,
  ) {}

  @Get('complaints')
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ query: workbenchQuery })
  queue(@CurrentUser() user: AuthUser, @Query() q: WorkbenchQuery) {
    return this.workbench.queue(user, q);
  }

  @Get('complaints/:id')
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ params: byId })
  get(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>) {
    return this.workbench.get(p.id, user);
  }

  @Get('complaints/:id/contact')
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ params: byId })
  contact(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>) {
    return this.workbench.contact(p.id, user);
  }

  @Post('complaints/:id/actions')
  @HttpCode(200)
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ params: byId, body: complaintActionRequest })
  async act(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: ComplaintActionRequest) {
    const after = await this.workflow.act(p.id, user, body);
    return this.workbench.detail(after, user);
  }

  @Post('complaints/:id/reroute')
  @HttpCode(200)
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ params: byId, body: rerouteRequest })
  reroute(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: z.infer<typeof rerouteRequest>) {
    return this.workbench.reroute(p.id, user, body);
  }

  /** 跟进记录 by the complaint's 包保 cadre: 403 NOT_RESPONSIBLE_CADRE for anyone else in scope. */
  @Post('complaints/:id/follow-ups')
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ params: byId, body: followUpInput })
  addFollowUp(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: FollowUpInput) {
    return this.followUps.add(p.id, user, body);
  }

  @Get('reply-templates')
  @Auth('OFFICE_STAFF', 'ADMIN')
  templates() {
    return this.workbench.templates();
  }

  @Put('reply-templates/:outcome')
  @Auth('OFFICE_STAFF', 'ADMIN')
  @Validate({ params: byOutcome, body: replyTemplateInput })
  saveTemplate(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byOutcome>, @Body() body: z.infer<typeof replyTemplateInput>) {
    return this.workbench.saveTemplate(p.outcome, body.body, user);
  }
}
