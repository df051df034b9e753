import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  createComplaintRequest,
  formText,
  idParam,
  similarComplaintsQuery,
  trackComplaintQuery,
  type CreateComplaintRequest,
} from '@sa/contracts';
import { Validate } from '../common/validate';
import { Auth, type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { RateLimit } from '../common/rate-limit';
import { ComplaintsService } from './complaints.service';
import { WorkflowService } from './workflow.service';

const byId = z.object({ id: idParam });
const reopenBody = z.object({ reason: formText(2, 500, { multiline: true, minMessage: '请说明未解决的情况' }) });
const mineQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20), offset: z.coerce.number().int().min(0).max(100_000).default(0) });

/** Reporter-facing: submit, track, suggest similar, 附议, reopen. */
@ApiTags('complaints')
@Controller('api/v1/complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly workflow: WorkflowService,
  ) {}

  @Post()
  @Public()
  @RateLimit({ key: 'complaint-submit', max: 20, windowSeconds: 600 })
  @Validate({ body: createComplaintRequest }, { category: 'UNKNOWN_CATEGORY', photoIds: 'TOO_MANY_PHOTOS' })
  submit(@Body() body: CreateComplaintRequest, @CurrentUser() user: AuthUser | undefined) {
    return this.complaints.submit(body, user);
  }

  @Get('track')
  @Public()
  @RateLimit({ key: 'complaint-track', max: 60, windowSeconds: 600 })
  @Validate({ query: trackComplaintQuery })
  track(@Query() q: z.infer<typeof trackComplaintQuery>) {
    return this.complaints.track(q.trackingNo, q.queryCode);
  }

  @Get('similar')
  @Public()
  @Validate({ query: similarComplaintsQuery })
  similar(@Query() q: z.infer<typeof similarComplaintsQuery>) {
    return this.complaints.similar(q);
  }

  @Get('mine')
  @Auth('RESIDENT', 'VOLUNTEER')
  @Validate({ query: mineQuery })
  mine(@CurrentUser() user: AuthUser, @Query() q: z.infer<typeof mineQuery>) {
    return this.complaints.mine(user, q.limit, q.offset);
  }

  @Get(':id')
  @Auth('RESIDENT', 'VOLUNTEER')
  @Validate({ params: byId })
  get(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>) {
    return this.complaints.reporterView(p.id, user);
  }

  @Post(':id/me-too')
  @HttpCode(200)
  @Auth('RESIDENT', 'VOLUNTEER')
  @RateLimit({ key: 'complaint-me-too', max: 30, windowSeconds: 600 })
  @Validate({ params: byId })
  meToo(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>) {
    return this.complaints.meToo(p.id, user);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Auth('RESIDENT', 'VOLUNTEER')
  @Validate({ params: byId, body: reopenBody })
  async reopen(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: z.infer<typeof reopenBody>) {
    const after = await this.workflow.act(p.id, user, { action: 'reopen', reason: body.reason });
    return this.complaints.publicView(after);
  }
}
