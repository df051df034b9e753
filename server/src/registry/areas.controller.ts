import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { AreaService } from './area.service';

@ApiTags('registry')
@Controller('api/v1')
export class AreasController {
  constructor(private readonly areas: AreaService) {}

  /** District, offices with address and phone, their streets and communities. */
  @Get('areas')
  @Public()
  tree() {
    return this.areas.tree();
  }

  @Get('business-types')
  @Public()
  businessTypes() {
    return this.areas.businessTypes();
  }
}
