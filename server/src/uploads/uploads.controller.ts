import { Controller, Get, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UPLOAD_FIELD, uploadIdParams, type UploadIdParams } from '@sa/contracts';
import { type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { RateLimit } from '../common/rate-limit';
import { Validate } from '../common/validate';
import { PhotoFileInterceptor, type ReceivedFile } from './photo-file.interceptor';
import { UploadsService } from './uploads.service';
import { AccessPolicy, Permission } from '../access/access.policy';

@ApiTags('uploads')
@Controller('api/v1/uploads')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly access: AccessPolicy,
  ) {}

  /** One photo for a complaint (anonymous reporters too): JPEG/PNG/WebP by content, at most 10 MB; EXIF stripped. */
  @Post()
  @Public()
  // Checked before the body is read. In-memory and per instance: several instances need a shared limiter.
  @RateLimit({ key: 'photo-upload', max: 30, windowSeconds: 600 })
  @UseInterceptors(PhotoFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: [UPLOAD_FIELD], properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary' } } } })
  upload(@UploadedFile() file: ReceivedFile | undefined, @CurrentUser() user: AuthUser | undefined) {
    return this.uploads.upload(file, user);
  }

  @Get(':id')
  @Public()
  @Validate({ params: uploadIdParams })
  async download(@Param() { id }: UploadIdParams, @CurrentUser() user: AuthUser | undefined, @Res({ passthrough: true }) res: Response) {
    await this.access.require(user, Permission.PhotoRead, id);
    const photo = await this.uploads.open(id);
    // Stored photos never change; nosniff keeps a browser from reading them as anything but an image.
    res.setHeader('cache-control', 'private, max-age=86400, immutable');
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(photo.stream, { type: photo.mime, length: photo.bytes, disposition: 'inline' });
  }
}
