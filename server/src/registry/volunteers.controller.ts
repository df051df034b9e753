import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  volunteerInput,
  volunteerListQuery,
  volunteerPatch,
  type VolunteerInput,
  type VolunteerListQuery,
  type VolunteerPatch,
} from '@sa/contracts';
import { Auth } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { idParams, type IdParams } from './dto/params';
import { VolunteerService } from './volunteer.service';

@ApiTags('registry')
@Controller('api/v1/admin/volunteers')
export class VolunteersController {
  constructor(private readonly volunteers: VolunteerService) {}

  @Get()
  @Auth('ADMIN')
  @Validate({ query: volunteerListQuery })
  list(@Query() query: VolunteerListQuery) {
    return this.volunteers.list(query);
  }

  /** Adds a 社会监督员 to the roster with a fresh invitation code to bind in the mini-program. */
  @Post()
  @Auth('ADMIN')
  @Validate({ body: volunteerInput })
  create(@Body() body: VolunteerInput) {
    return this.volunteers.create(body);
  }

  /** `active: false` deactivates. */
  @Patch(':id')
  @Auth('ADMIN')
  @Validate({ params: idParams, body: volunteerPatch })
  update(@Param() { id }: IdParams, @Body() body: VolunteerPatch) {
    return this.volunteers.update(id, body);
  }
}
