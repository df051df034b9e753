import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { EscalationController } from './escalation.controller';
import { EscalationRepository } from './escalation.repository';
import { EscalationService } from './escalation.service';

/** The deadline sweep: reminders before a statutory deadline, 督办 after it. */
@Module({
  imports: [CalendarModule, ComplaintsModule],
  controllers: [EscalationController],
  providers: [EscalationRepository, EscalationService],
  exports: [EscalationService],
})
export class EscalationModule {}
