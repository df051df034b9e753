import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { UPLOAD_FIELD, UPLOAD_MAX_BYTES } from '@sa/contracts';
import { DomainException } from '../common/domain-exception';

const MulterSingleFile = FileInterceptor(UPLOAD_FIELD, {
  // No `dest` or `storage`: multer keeps the file in memory, so nothing unchecked ever touches the disk.
  limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
});

/** What multer's memory storage puts on `req.file`. */
export type ReceivedFile = { buffer: Buffer; size: number; originalname: string; mimetype: string };

/** multer's single-file parser, with its refusals turned into our codes and Chinese messages. */
@Injectable()
export class PhotoFileInterceptor implements NestInterceptor {
  private readonly multer = new MulterSingleFile();

  async intercept(context: ExecutionContext, next: CallHandler) {
    try {
      return await this.multer.intercept(context, next);
    } catch (err) {
      throw toUploadError(err);
    }
  }
}

function toUploadError(err: unknown): unknown {
  if (!(err instanceof HttpException)) return err;
  if (err.getStatus() === 413) {
    return new DomainException('PAYLOAD_TOO_LARGE', `照片不能超过 ${UPLOAD_MAX_BYTES / 1024 / 1024} MB，请压缩后再上传`);
  }
  if (err.getStatus() < 500) {
    return new DomainException('VALIDATION_FAILED', `上传格式不正确：每次只能上传一张照片，字段名为 ${UPLOAD_FIELD}`);
  }
  return err;
}
