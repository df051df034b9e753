import { Module } from '@nestjs/common';
import { ContentSafetyModule } from '../content-safety/content-safety.module';
import { AdminSurveysController, SurveysController } from './surveys.controller';
import { SurveysRepository } from './surveys.repository';
import { SurveysService } from './surveys.service';

/** 满意度测评: campaigns, answers, imports and figures; SurveysService.results() serves the evidence export too. */
@Module({
  imports: [ContentSafetyModule],
  controllers: [AdminSurveysController, SurveysController],
  providers: [SurveysRepository, SurveysService],
  exports: [SurveysService],
})
export class SurveysModule {}
