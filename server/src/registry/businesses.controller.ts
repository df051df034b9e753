import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  businessInput,
  businessPatch,
  businessSearchQuery,
  type BusinessInput,
  type BusinessPatch,
  type BusinessSearchQuery,
} from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { AssignmentService } from './assignment.service';
import { BusinessService } from './business.service';
import { idParams, type IdParams } from './dto/params';

@ApiTags('registry')
@Controller('api/v1')
export class BusinessesController {
  constructor(
    private readonly businesses: BusinessService,
    private readonly assignments: AssignmentService,
  ) {}

  /** For the complaint form: by name part, licence-number prefix, street, community or grade. */
  @Get('businesses')
  @Public()
  @Validate({ query: businessSearchQuery })
  search(@Query() query: BusinessSearchQuery) {
    return this.businesses.search(query);
  }

  /** With the current 包保 cadre; the cadre's phone only for office staff and admins. */
  @Get('businesses/:id')
  @Public()
  @Validate({ params: idParams })
  detail(@Param() { id }: IdParams, @CurrentUser() caller: AuthUser | undefined) {
    return this.businesses.detail(id, caller);
  }

  /** Who answered for the business when, with their commitment letter versions. */
  @Get('businesses/:id/assignments')
  @Auth('ADMIN', 'OFFICE_STAFF')
  @Validate({ params: idParams })
  history(@Param() { id }: IdParams) {
    return this.assignments.history(id);
  }

  @Post('admin/businesses')
  @Auth('ADMIN')
  @Validate({ body: businessInput })
  create(@Body() body: BusinessInput, @CurrentUser() caller: AuthUser) {
    return this.businesses.create(body, caller);
  }

  @Patch('admin/businesses/:id')
  @Auth('ADMIN')
  @Validate({ params: idParams, body: businessPatch })
  update(@Param() { id }: IdParams, @Body() body: BusinessPatch, @CurrentUser() caller: AuthUser) {
    return this.businesses.update(id, body, caller);
  }
}
