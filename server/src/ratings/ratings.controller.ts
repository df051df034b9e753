import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  callbackInput,
  guestRatingInput,
  idParam,
  ratingInput,
  rectificationCompleteInput,
  rectificationsQuery,
  workbenchRatingsQuery,
  type CallbackInput,
  type GuestRatingInput,
  type RatingInput,
  type RectificationCompleteInput,
  type RectificationsQuery,
  type WorkbenchRatingsQuery,
} from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { RateLimit } from '../common/rate-limit';
import { Validate } from '../common/validate';
import { RatingsService } from './ratings.service';

const byId = z.object({ id: idParam });

/** 好差评 by the reporter: signed in (resident or volunteer), or a guest with the tracking number and query code. */
@ApiTags('complaints')
@Controller('api/v1/complaints')
export class ReporterRatingsController {
  constructor(private readonly ratings: RatingsService) {}

  // Declared before `:id/rating`, which would otherwise take `track` for an id.
  @Post('track/rating')
  @Public()
  @RateLimit({ key: 'complaint-track', max: 60, windowSeconds: 600 })
  @Validate({ body: guestRatingInput })
  rateTracked(@Body() body: GuestRatingInput) {
    return this.ratings.rateAsGuest(body);
  }

  @Post(':id/rating')
  @Auth('RESIDENT', 'VOLUNTEER')
  @Validate({ params: byId, body: ratingInput })
  rate(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: RatingInput) {
    return this.ratings.rate(p.id, user, body);
  }
}

/** Ratings and the 差评 queue in the workbench: the admin all, office staff their office's, cadres their businesses' (read only). */
@ApiTags('workbench')
@Controller('api/v1/workbench')
export class WorkbenchRatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Get('ratings')
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ query: workbenchRatingsQuery })
  list(@CurrentUser() user: AuthUser, @Query() q: WorkbenchRatingsQuery) {
    return this.ratings.ratings(user, q);
  }

  @Get('rectifications')
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ query: rectificationsQuery })
  rectifications(@CurrentUser() user: AuthUser, @Query() q: RectificationsQuery) {
    return this.ratings.rectifications(user, q);
  }

  @Get('rectifications/:id')
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ params: byId })
  rectification(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>) {
    return this.ratings.rectification(p.id, user);
  }

  /** 回访: one call to the reporter; 403 for a cadre, who only reads. */
  @Post('rectifications/:id/callbacks')
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ params: byId, body: callbackInput })
  addCallback(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: CallbackInput) {
    return this.ratings.addCallback(p.id, user, body);
  }

  /** 整改办结: what was done; needs a callback first. */
  @Post('rectifications/:id/complete')
  @HttpCode(200)
  @Auth('OFFICE_STAFF', 'CADRE', 'ADMIN')
  @Validate({ params: byId, body: rectificationCompleteInput })
  complete(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof byId>, @Body() body: RectificationCompleteInput) {
    return this.ratings.complete(p.id, user, body.actionTaken);
  }
}
