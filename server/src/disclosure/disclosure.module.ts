import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DisclosureController, PublicPenaltiesController } from './disclosure.controller';
import { DisclosureRepository } from './disclosure.repository';
import { DisclosureService } from './disclosure.service';

/** 处罚信息公示 (总局令第45号): the staff steps and the public list. */
@Module({
  imports: [CalendarModule],
  controllers: [DisclosureController, PublicPenaltiesController],
  providers: [DisclosureRepository, DisclosureService],
})
export class DisclosureModule {}
