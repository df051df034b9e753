import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { publicArticlesQuery, type PublicArticlesQuery } from '@sa/contracts';
import { Public } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { ArticleImagesService } from './article-images.service';
import { ArticlesService } from './articles.service';
import { articleIdParams, publicImageParams, type ArticleIdParams, type PublicImageParams } from './dto/params';

@ApiTags('public')
@Controller('api/v1/public/articles')
export class PublicArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  /** Published articles, newest first; `q` matches the title or the summary. */
  @Get()
  @Public()
  @Validate({ query: publicArticlesQuery })
  list(@Query() query: PublicArticlesQuery) {
    return this.articles.listPublished(query);
  }

  /** One published article with its body; each call counts one view. */
  @Get(':id')
  @Public()
  @Validate({ params: articleIdParams })
  read(@Param() { id }: ArticleIdParams) {
    return this.articles.readPublished(id);
  }
}

@ApiTags('public')
@Controller('api/v1/public/images')
export class PublicImagesController {
  constructor(private readonly images: ArticleImagesService) {}

  /** A cover or body image of a published article; anything else is not found. */
  @Get(':uploadId')
  @Public()
  @Validate({ params: publicImageParams })
  async image(@Param() { uploadId }: PublicImageParams, @Res({ passthrough: true }) res: Response) {
    const photo = await this.images.open(uploadId);
    // A week: long enough that readers and proxies rarely ask again, short enough that a withdrawn article's images leave caches soon.
    res.setHeader('cache-control', 'public, max-age=604800');
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(photo.stream, { type: photo.mime, length: photo.bytes, disposition: 'inline' });
  }
}
