import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { cadreInput, cadreListQuery, cadrePatch, myBusinessesQuery, type CadreInput, type CadreListQuery, type CadrePatch } from '@sa/contracts';
import type { z } from 'zod';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { AssignmentService } from './assignment.service';
import { CadreService } from './cadre.service';
import { idParams, type IdParams } from './dto/params';

@ApiTags('registry')
@Controller('api/v1')
export class CadresController {
  constructor(
    private readonly cadres: CadreService,
    private readonly assignments: AssignmentService,
  ) {}

  @Get('cadres')
  @Auth('OFFICE_STAFF', 'ADMIN')
  @Validate({ query: cadreListQuery })
  list(@Query() query: CadreListQuery) {
    return this.cadres.list(query);
  }

  /** Office staff, admins, or the cadre themself. */
  @Get('cadres/:id')
  @Auth('OFFICE_STAFF', 'ADMIN', 'CADRE')
  @Validate({ params: idParams })
  detail(@CurrentUser() caller: AuthUser, @Param() { id }: IdParams) {
    return this.cadres.detail(caller, id);
  }

  /** The logged-in cadre's data scope, with open complaints and commitment status; `q`: part of the name or licence. */
  @Get('me/businesses')
  @Auth('CADRE')
  @Validate({ query: myBusinessesQuery })
  myBusinesses(@CurrentUser() caller: AuthUser, @Query() query: z.infer<typeof myBusinessesQuery>) {
    return this.assignments.myBusinesses(caller, query.q);
  }

  @Post('admin/cadres')
  @Auth('ADMIN')
  @Validate({ body: cadreInput })
  create(@CurrentUser() caller: AuthUser, @Body() body: CadreInput) {
    return this.cadres.create(caller, body);
  }

  /** `active: false` deactivates the cadre and ends their assignments. */
  @Patch('admin/cadres/:id')
  @Auth('ADMIN')
  @Validate({ params: idParams, body: cadrePatch })
  update(@CurrentUser() caller: AuthUser, @Param() { id }: IdParams, @Body() body: CadrePatch) {
    return this.cadres.update(caller, id, body);
  }
}
