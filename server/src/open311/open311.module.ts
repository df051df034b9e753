import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { FormBodyMiddleware } from './form-body.middleware';
import { Open311Controller } from './open311.controller';
import { Open311Repository } from './open311.repository';
import { Open311Service } from './open311.service';
import { PartnerKeyGuard } from './partner-key.guard';
import { PartnerKeysController } from './partner-keys.controller';
import { PartnerKeysRepository } from './partner-keys.repository';
import { PartnerKeysService } from './partner-keys.service';

/** Open311 GeoReport v2 for partners such as the 12345 hotline, and the admin's partner keys. */
@Module({
  imports: [ComplaintsModule],
  controllers: [Open311Controller, PartnerKeysController],
  providers: [Open311Repository, Open311Service, PartnerKeysRepository, PartnerKeysService, PartnerKeyGuard],
})
export class Open311Module implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FormBodyMiddleware).forRoutes(Open311Controller);
  }
}
