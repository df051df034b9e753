import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ContentSafetyModule } from '../content-safety/content-safety.module';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService } from './complaints.service';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchRepository } from './workbench.repository';
import { WorkbenchService } from './workbench.service';
import { WorkflowService } from './workflow.service';
import { DeadlineRecomputeRepository } from './deadline-recompute.repository';
import { DeadlineRecomputeService } from './deadline-recompute.service';
import { WorkflowRepository } from './workflow.repository';
import { AccessModule } from '../access/access.module';

@Module({
  imports: [CalendarModule, NotificationsModule, ContentSafetyModule, AccessModule],
  controllers: [ComplaintsController, WorkbenchController],
  providers: [ComplaintsRepository, ComplaintsService, WorkflowService, WorkflowRepository, WorkbenchRepository, WorkbenchService, DeadlineRecomputeService, DeadlineRecomputeRepository, FollowUpsRepository, FollowUpsService],
  exports: [ComplaintsRepository, ComplaintsService, WorkflowService],
})
export class ComplaintsModule {}
