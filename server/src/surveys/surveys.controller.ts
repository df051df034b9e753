import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  idParam,
  STAFF_ROLES,
  SURVEY_IMPORT_FIELD,
  surveyInput,
  surveyResponseInput,
  surveyResultsQuery,
  surveysListQuery,
  type SurveyInput,
  type SurveyResponseInput,
  type SurveysListQuery,
} from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { SurveyFileInterceptor } from './survey-file.interceptor';
import { type ImportFile, SurveysService } from './surveys.service';

const byId = z.object({ id: idParam });
type ById = z.infer<typeof byId>;

/** 满意度测评 campaigns: the admin creates, imports and deletes them; all staff may read them. */
@ApiTags('admin')
@Controller('api/v1/admin/surveys')
export class AdminSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post()
  @Auth('ADMIN')
  @Validate({ body: surveyInput })
  create(@CurrentUser() user: AuthUser, @Body() body: SurveyInput) {
    return this.surveys.create(body, user);
  }

  @Get()
  @Auth(...STAFF_ROLES)
  @Validate({ query: surveysListQuery })
  list(@Query() q: SurveysListQuery) {
    return this.surveys.list(q);
  }

  @Get(':id')
  @Auth(...STAFF_ROLES)
  @Validate({ params: byId })
  view(@Param() p: ById) {
    return this.surveys.view(p.id);
  }

  /** Only while no one has answered: a campaign with responses is evidence. */
  @Delete(':id')
  @HttpCode(204)
  @Auth('ADMIN')
  @Validate({ params: byId })
  async delete(@CurrentUser() user: AuthUser, @Param() p: ById) {
    await this.surveys.delete(p.id, user);
  }

  /** In-home interviews: a CSV (UTF-8) or xlsx file, every row checked first; all rows are imported or none. */
  @Post(':id/responses/import')
  @Auth('ADMIN')
  @Validate({ params: byId })
  @UseInterceptors(SurveyFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: [SURVEY_IMPORT_FIELD], properties: { [SURVEY_IMPORT_FIELD]: { type: 'string', format: 'binary' } } } })
  import(@CurrentUser() user: AuthUser, @Param() p: ById, @UploadedFile() file: ImportFile | undefined) {
    return this.surveys.import(p.id, file, user);
  }

  @Get(':id/import-template.csv')
  @Auth('ADMIN')
  @Validate({ params: byId })
  async template(@Param() p: ById) {
    const { fileName, csv } = await this.surveys.importTemplate(p.id);
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${fileName}"` });
  }
}

/** Residents answer the open campaigns; staff read the figures. */
@ApiTags('surveys')
@Controller('api/v1/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  /** Open today (Shanghai); `answered` for the signed-in caller, false when signed out. */
  @Get('open')
  @Public()
  open(@CurrentUser() user: AuthUser | undefined) {
    return this.surveys.open(user);
  }

  @Get(':id')
  @Public()
  @Validate({ params: byId })
  view(@Param() p: ById) {
    return this.surveys.openView(p.id);
  }

  /** Once per campaign and identity (WeChat openid or an SMS-verified phone). */
  @Post(':id/responses')
  @Auth('RESIDENT', 'VOLUNTEER')
  @Validate({ params: byId, body: surveyResponseInput }, { answers: 'SURVEY_ANSWER_INVALID' })
  respond(@CurrentUser() user: AuthUser, @Param() p: ById, @Body() body: SurveyResponseInput) {
    return this.surveys.respond(p.id, body, user);
  }

  @Get(':id/results')
  @Auth(...STAFF_ROLES)
  @Validate({ params: byId, query: surveyResultsQuery })
  results(@Param() p: ById, @Query() q: z.infer<typeof surveyResultsQuery>) {
    return this.surveys.results(p.id, q.groupBy);
  }
}
