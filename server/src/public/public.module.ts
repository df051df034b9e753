import { Module } from '@nestjs/common';
import { PublicController } from './public.controller';
import { PublicRepository } from './public.repository';
import { PublicService } from './public.service';

/** The public side's reads: model streets (示范街), the public business page, the figures on the home page. */
@Module({
  controllers: [PublicController],
  providers: [PublicRepository, PublicService],
})
export class PublicModule {}
