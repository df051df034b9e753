import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  createComplaintRequest,
  guestReopenRequest,
  idParam,
  reopenRequest,
  similarComplaintsQuery,
  trackComplaintQuery,
  uploadIdParams,
  type CreateComplaintRequest,
  type GuestReopenRequest,
  type ReopenRequest,
  type UploadIdParams,
} from '@sa/contracts';
import { Validate } from '../common/validate';
import { Auth, type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { RateLimit } from '../common/rate-limit';
import { UploadsService } from '../uploads/uploads.service';
import { ComplaintsService } from './complaints.service';

const byId = z.object({ id: idParam });
const mineQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20), offset: z.coerce.number().int().min(0).max(100_000).default(0) });

/** Reporter-facing: submit, track, suggest similar, 附议, reopen. */
@ApiTags('complaints')
@Controller('api/v1/complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    // The uploads module depends on this one (photo access), so its service is looked up, not imported.
    private readonly modules: ModuleRef,
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

  /** A photo of the tracked complaint for a guest: only with its tracking number and query code. */
  @Get('track/photos/:id')
  @Public()
  @RateLimit({ key: 'complaint-track', max: 60, windowSeconds: 600 })
  @Validate({ params: uploadIdParams, query: trackComplaintQuery })
  async trackedPhoto(@Param() p: UploadIdParams, @Query() q: z.infer<typeof trackComplaintQuery>, @Res({ passthrough: true }) res: Response) {
    const id = await this.complaints.trackedPhoto(q.trackingNo, q.queryCode, p.id);
    const photo = await this.modules.get(UploadsService, { strict: false }).open(id);
    // The URL carries the query code: keep it out of shared caches.
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(photo.stream, { type: photo.mime, length: photo.bytes, disposition: 'inline' });
  }

  /** 重新打开 by a reporter who is not logged in: tracking number and query code. */
  @Post('track/reopen')
  @HttpCode(200)
  @Public()
  @RateLimit({ key: 'complaint-track', max: 60, windowSeconds: 600 })
  @Validate({ body: guestReopenRequest }, { photoIds: 'TOO_MANY_PHOTOS' })
  reopenTracked(@Body() body: GuestReopenRequest) {
    return this.complaints.reopenAsGuest(body);
  }

  @Get('similar')
  @Public()
  @Validate({ query: similarComplaintsQuery })
  similar(@Query() q: z.infer<typeof similarComplaintsQuery>, @CurrentUser() user: AuthUser | undefined) {
    return this.complaints.similar(q, user);
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
  @Validate({ params: byId, body: reopenRequest }, { photoIds: 'TOO_MANY_PHOTOS' })
  reopen(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: ReopenRequest) {
    return this.complaints.reopen(p.id, user, body);
  }
}
