import { Module } from '@nestjs/common';
import { UploadsModule } from '../uploads/uploads.module';
import { AdminArticlesController } from './admin-articles.controller';
import { ArticleImagesService } from './article-images.service';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';
import { PublicArticlesController, PublicImagesController } from './public-articles.controller';

/** 宣传: articles (draft → published → withdrawn), their sanitised bodies and public images. */
@Module({
  imports: [UploadsModule],
  controllers: [PublicArticlesController, PublicImagesController, AdminArticlesController],
  providers: [ArticlesRepository, ArticlesService, ArticleImagesService],
})
export class ContentModule {}
