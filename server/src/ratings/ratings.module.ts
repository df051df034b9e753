import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ContentSafetyModule } from '../content-safety/content-safety.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReporterRatingsController, WorkbenchRatingsController } from './ratings.controller';
import { RatingsRepository } from './ratings.repository';
import { RatingsService } from './ratings.service';

/**
 * 好差评 (国办发〔2019〕51号) and 差评整改 with its 回访. The complaints module reads the reporter's rating state
 * through RatingsService by module reference, since this module's rules sit on top of complaints.
 */
@Module({
  imports: [CalendarModule, ContentSafetyModule, NotificationsModule],
  controllers: [ReporterRatingsController, WorkbenchRatingsController],
  providers: [RatingsRepository, RatingsService],
  exports: [RatingsService],
})
export class RatingsModule {}
