import { Module } from '@nestjs/common';
import { AccessPolicy } from './access.policy';
import { AccessRepository } from './access.repository';

/** The data-scope policy every service asks before it reads or changes a complaint or serves a photo. */
@Module({
  providers: [AccessRepository, AccessPolicy],
  exports: [AccessPolicy],
})
export class AccessModule {}
