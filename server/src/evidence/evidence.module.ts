import { Module } from '@nestjs/common';
import { SurveysModule } from '../surveys/surveys.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

/** 评议考核佐证材料: the evidence pack of the indicators, overdue items, 差评 rectification and surveys as one xlsx. */
@Module({
  imports: [SurveysModule],
  controllers: [EvidenceController],
  providers: [EvidenceService],
})
export class EvidenceModule {}
