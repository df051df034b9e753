import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { adminArticlesQuery, articleInput, articlePatch, type AdminArticlesQuery, type ArticleInput, type ArticlePatch } from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { ArticlesService } from './articles.service';
import { articleIdParams, type ArticleIdParams } from './dto/params';

@ApiTags('admin')
@Controller('api/v1/admin/articles')
export class AdminArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  /** 宣传内容: the admin's whole list; office staff see their office's articles. */
  @Get()
  @Auth('ADMIN', 'OFFICE_STAFF')
  @Validate({ query: adminArticlesQuery })
  list(@CurrentUser() caller: AuthUser, @Query() query: AdminArticlesQuery) {
    return this.articles.listForEditor(caller, query);
  }

  @Get(':id')
  @Auth('ADMIN', 'OFFICE_STAFF')
  @Validate({ params: articleIdParams })
  get(@CurrentUser() caller: AuthUser, @Param() { id }: ArticleIdParams) {
    return this.articles.getForEditor(caller, id);
  }

  /** A new article, saved as 草稿 or published at once; office staff write 通知公告 for their office only. */
  @Post()
  @Auth('ADMIN', 'OFFICE_STAFF')
  @Validate({ body: articleInput })
  create(@CurrentUser() caller: AuthUser, @Body() body: ArticleInput) {
    return this.articles.create(caller, body);
  }

  /** Edits, publishes, withdraws (`status: "WITHDRAWN"`) or re-publishes. */
  @Patch(':id')
  @Auth('ADMIN', 'OFFICE_STAFF')
  @Validate({ params: articleIdParams, body: articlePatch })
  update(@CurrentUser() caller: AuthUser, @Param() { id }: ArticleIdParams, @Body() body: ArticlePatch) {
    return this.articles.update(caller, id, body);
  }
}
