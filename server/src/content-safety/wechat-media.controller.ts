import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { uploadIdParams, type UploadIdParams } from '@sa/contracts';
import { Public } from '../auth/auth.decorators';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { Validate } from '../common/validate';
import { UploadsService } from '../uploads/uploads.service';
import { ContentSafetyService } from './content-safety.service';
import { mediaSignatureValid } from './signatures';

/** Photos handed to WeChat's media check: a signed URL, this photo only, for two hours, no login. */
@ApiExcludeController()
@Controller('api/v1/wechat/media')
export class WechatMediaController {
  constructor(
    private readonly safety: ContentSafetyService,
    private readonly clock: Clock,
    private readonly modules: ModuleRef,
  ) {}

  @Get(':id')
  @Public()
  @Validate({ params: uploadIdParams })
  async photo(@Param() { id }: UploadIdParams, @Query() q: { expires?: string; sig?: string }, @Res({ passthrough: true }) res: Response) {
    if (!mediaSignatureValid(this.safety.mediaUrlKey, id, q, Math.floor(this.clock.now().getTime() / 1000))) throw new DomainException('NOT_FOUND', '照片不存在');
    // Looked up at run time: the uploads module depends on the complaints module, which depends on this one.
    const photo = await this.modules.get(UploadsService, { strict: false }).open(id);
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(photo.stream, { type: photo.mime, length: photo.bytes, disposition: 'inline' });
  }
}
