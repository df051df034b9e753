import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { SURVEY_IMPORT_FIELD, SURVEY_IMPORT_MAX_BYTES } from '@sa/contracts';
import { DomainException } from '../common/domain-exception';

const MulterSingleFile = FileInterceptor(SURVEY_IMPORT_FIELD, {
  // In memory: the file is read and checked whole before anything is written.
  limits: { fileSize: SURVEY_IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  // Browsers send the file name (入户调查.xlsx) as raw UTF-8; multer would read it as latin1.
  defParamCharset: 'utf8',
} as Parameters<typeof FileInterceptor>[1]);

/** multer's single-file parser for survey imports, with its refusals turned into our codes and Chinese messages. */
@Injectable()
export class SurveyFileInterceptor implements NestInterceptor {
  private readonly multer = new MulterSingleFile();

  async intercept(context: ExecutionContext, next: CallHandler) {
    try {
      return await this.multer.intercept(context, next);
    } catch (err) {
      if (!(err instanceof HttpException)) throw err;
      if (err.getStatus() === 413) throw new DomainException('PAYLOAD_TOO_LARGE', `导入文件不能超过 ${SURVEY_IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几份导入`);
      if (err.getStatus() < 500) throw new DomainException('SURVEY_IMPORT_FORMAT', `上传格式不正确：每次导入一个文件，表单字段名为 ${SURVEY_IMPORT_FIELD}`);
      throw err;
    }
  }
}
