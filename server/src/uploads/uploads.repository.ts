import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';

export type NewUpload = {
  id: string;
  storageKey: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  gpsLat: number | null;
  gpsLng: number | null;
  uploaderUserId: number | null;
};

const uploadView = { id: true, storageKey: true, mime: true, bytes: true, width: true, height: true, gpsLat: true, gpsLng: true } as const;

@Injectable()
export class UploadsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  create(row: NewUpload) {
    return this.prisma.upload.create({ data: row, select: uploadView });
  }

  findById(id: string) {
    return this.prisma.upload.findUnique({ where: { id }, select: uploadView });
  }
}
