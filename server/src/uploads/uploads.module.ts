import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { ENV, type Env } from '../config/env';
import { DiskPhotoStorage } from './storage/disk-photo-storage';
import { PHOTO_STORAGE, type PhotoStorage } from './storage/photo-storage';
import { S3PhotoStorage } from './storage/s3-photo-storage';
import { UploadsController } from './uploads.controller';
import { UploadsRepository } from './uploads.repository';
import { UploadsService } from './uploads.service';
import { AccessModule } from '../access/access.module';

/** Complaint photos: upload (content check, EXIF strip, GPS suggestion) and download, on disk or S3. */
@Module({
  imports: [AccessModule],
  controllers: [UploadsController],
  providers: [
    UploadsRepository,
    UploadsService,
    {
      provide: PHOTO_STORAGE,
      inject: [ENV],
      useFactory: (env: Env): PhotoStorage => (env.s3 ? new S3PhotoStorage(env.s3) : new DiskPhotoStorage(join(env.dataDir, 'uploads'))),
    },
  ],
  // Article images (宣传) are served from the same storage.
  exports: [UploadsService],
})
export class UploadsModule {}
