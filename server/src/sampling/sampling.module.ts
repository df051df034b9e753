import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SamplingController } from './sampling.controller';
import { SamplingRepository } from './sampling.repository';
import { SamplingService } from './sampling.service';

/** 监督抽检: batches recorded by staff; an unqualified one opens a case through the complaint intake. */
@Module({
  imports: [CalendarModule, ComplaintsModule, NotificationsModule],
  controllers: [SamplingController],
  providers: [SamplingRepository, SamplingService],
})
export class SamplingModule {}
