import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ENV, type Env } from './config/env';
import { DATABASE, PRISMA, type Database } from './database/database';
import { ValidationInterceptor } from './common/validate';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { RegistryModule } from './registry/registry.module';
import { NotificationsModule } from './notifications/notifications.module';
import { EscalationModule } from './escalation/escalation.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { CalendarModule } from './calendar/calendar.module';
import { UploadsModule } from './uploads/uploads.module';
import { UsersModule } from './users/users.module';
import { ContentModule } from './content/content.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { PublicModule } from './public/public.module';
import { SmsModule } from './sms/sms.module';
import { ContentSafetyModule } from './content-safety/content-safety.module';
import { SamplingModule } from './sampling/sampling.module';
import { RatingsModule } from './ratings/ratings.module';
import { SurveysModule } from './surveys/surveys.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { EvidenceModule } from './evidence/evidence.module';
import { Open311Module } from './open311/open311.module';
import { JsonLogger } from './common/logger';
import { RateLimitGuard, RateLimitStore } from './common/rate-limit';
import { BackupController } from './maintenance/backup.controller';
import { Clock } from './common/clock';

@Global()
@Module({})
class CoreModule {
  static forRoot(env: Env, db: Database, logger: JsonLogger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: ENV, useValue: env },
        { provide: DATABASE, useValue: db },
        { provide: PRISMA, useValue: db.prisma },
        { provide: JsonLogger, useValue: logger },
        Clock,
      ],
      exports: [ENV, DATABASE, PRISMA, JsonLogger, Clock],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(env: Env, db: Database, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(env, db, logger), AuthModule, RegistryModule, NotificationsModule, EscalationModule, CalendarModule, ComplaintsModule, UploadsModule, UsersModule,
        ContentModule, DisclosureModule, PublicModule, SmsModule, ContentSafetyModule, SamplingModule, RatingsModule, SurveysModule, IndicatorsModule, EvidenceModule, Open311Module,
      ],
      controllers: [HealthController, BackupController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // After authentication, so logged-in callers are limited per user rather than per shared IP.
        RateLimitStore,
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_INTERCEPTOR, useClass: ValidationInterceptor },
      ],
    };
  }
}
