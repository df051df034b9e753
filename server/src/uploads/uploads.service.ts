import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { UploadResponse } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import { JsonLogger, reasonOf } from '../common/logger';
import type { ReceivedFile } from './photo-file.interceptor';
import { reencodePhoto } from './photo-processing';
import { PHOTO_STORAGE, photoKey, type PhotoStorage } from './storage/photo-storage';
import { UploadsRepository } from './uploads.repository';

/** Complaint photos: checked, stripped of EXIF, stored, and recorded before the reporter gets an id. */
@Injectable()
export class UploadsService {
  constructor(
    private readonly repo: UploadsRepository,
    @Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage,
    private readonly logger: JsonLogger,
  ) {}

  async upload(file: ReceivedFile | undefined, uploader: AuthUser | undefined): Promise<UploadResponse> {
    if (!file) throw new DomainException('UPLOAD_FILE_MISSING');
    const photo = await reencodePhoto(file.buffer);
    const id = randomUUID();
    const storageKey = photoKey(id);
    try {
      await this.storage.put(storageKey, photo.data, photo.mime);
    } catch (err) {
      this.logger.write('warn', 'photo storage put failed', { key: storageKey, error: reasonOf(err) });
      throw new DomainException('UPLOAD_STORAGE_UNAVAILABLE');
    }
    try {
      await this.repo.create({
        id,
        storageKey,
        mime: photo.mime,
        bytes: photo.data.length,
        width: photo.width,
        height: photo.height,
        gpsLat: photo.location?.lat ?? null,
        gpsLng: photo.location?.lng ?? null,
        uploaderUserId: uploader?.id ?? null,
      });
    } catch (err) {
      // No row, no reference: the object would only be an orphan.
      await this.storage.remove(storageKey).catch(() => undefined);
      throw err;
    }
    return { id, mime: photo.mime, bytes: photo.data.length, width: photo.width, height: photo.height, location: photo.location };
  }

  /** Public for now: the id is an unguessable UUID. Access by complaint scope comes with the complaint views. */
  async open(id: string) {
    const row = await this.repo.findById(id);
    if (!row) throw new DomainException('NOT_FOUND', '照片不存在');
    let stored;
    try {
      stored = await this.storage.open(row.storageKey);
    } catch (err) {
      this.logger.write('warn', 'photo storage get failed', { key: row.storageKey, error: reasonOf(err) });
      throw new DomainException('UPLOAD_STORAGE_UNAVAILABLE');
    }
    if (!stored) {
      this.logger.write('error', 'photo recorded but missing from storage', { id, key: row.storageKey });
      throw new DomainException('NOT_FOUND', '照片不存在');
    }
    return { ...stored, mime: row.mime };
  }
}
