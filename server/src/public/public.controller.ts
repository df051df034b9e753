import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { publicIdParams, type PublicIdParams } from './dto/params';
import { PublicService } from './public.service';

@ApiTags('public')
@Controller('api/v1/public')
export class PublicController {
  constructor(private readonly service: PublicService) {}

  /** 示范街, in the bureau's order, with how many businesses each has. */
  @Get('model-streets')
  @Public()
  modelStreets() {
    return this.service.modelStreets();
  }

  /** One 示范街 with its businesses by name. */
  @Get('model-streets/:id')
  @Public()
  @Validate({ params: publicIdParams })
  modelStreet(@Param() { id }: PublicIdParams) {
    return this.service.modelStreet(id);
  }

  /** A business's public page: registry facts, its 包保 cadre's name and tier (never the phone), open reports. */
  @Get('businesses/:id')
  @Public()
  @Validate({ params: publicIdParams })
  business(@Param() { id }: PublicIdParams) {
    return this.service.business(id);
  }

  /** 本年受理, 按时办理率 and 群众满意度 for the current year in Asia/Shanghai. */
  @Get('figures')
  @Public()
  figures() {
    return this.service.figures();
  }
}
