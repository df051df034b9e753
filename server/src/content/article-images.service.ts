import { Injectable } from '@nestjs/common';
import { DomainException } from '../common/domain-exception';
import { UploadsService } from '../uploads/uploads.service';
import { ArticlesRepository } from './articles.repository';

/** Article images are public only while a published article shows them; the bytes come from the photo storage. */
@Injectable()
export class ArticleImagesService {
  constructor(
    private readonly repo: ArticlesRepository,
    private readonly uploads: UploadsService,
  ) {}

  async open(uploadId: string) {
    const id = uploadId.toLowerCase();
    if (!(await this.repo.isShownImage(id))) throw new DomainException('NOT_FOUND', '图片不存在或所属文章已撤回');
    return this.uploads.open(id);
  }
}
